#!/usr/bin/env bash
# Fetches public real MRI volumes from Debian packages into one folder (default /tmp/ossnet-real-data, or $OSSNET_REAL_DATA),
# laid out as the packages install them, and writes ready-made file lists for the 'ossnet' recipes of docs/guides/real-data.md:
#   mricron-data:              usr/share/mricron/templates/ch2.nii.gz (Colin27 T1, 181×217×181, 1 mm, RAS)
#                              usr/share/mricron/templates/ch2bet.nii.gz (the same, skull-stripped: brain mask = value > 0)
#   insighttoolkit5-examples:  usr/share/doc/insighttoolkit5-examples/examples/Data/KmeansTest_T1UCharRaw.nii.gz
#                              (another subject, 128×128×62 int16, 2×2×3 mm, stored LSA: coronal slices)
#                              …/KmeansTest_T1RawSkullStrip.nii.gz (its brain, labelled 4/5/6 = CSF/grey/white matter by k-means)
# Nothing is installed: 'apt-get download' fetches the .deb files and 'dpkg -x' unpacks them. Exits 0 when the files are there.
set -euo pipefail
target="${OSSNET_REAL_DATA:-/tmp/ossnet-real-data}"
mricron="$target/usr/share/mricron/templates"
itk="$target/usr/share/doc/insighttoolkit5-examples/examples/Data"
if [ ! -f "$mricron/ch2.nii.gz" ] || [ ! -f "$itk/KmeansTest_T1UCharRaw.nii.gz" ]; then
  mkdir -p "$target/debs"
  (cd "$target/debs" && apt-get download mricron-data insighttoolkit5-examples >/dev/null 2>&1) || {
    # The package lists may be missing on a fresh machine; refresh them once (root only) and try again.
    if [ "$(id -u)" = "0" ]; then apt-get update -qq >/dev/null 2>&1 || true; fi
    (cd "$target/debs" && apt-get download mricron-data insighttoolkit5-examples >/dev/null 2>&1)
  } || { echo "fetch-real-data: 'apt-get download mricron-data insighttoolkit5-examples' failed" >&2; exit 1; }
  for deb in "$target"/debs/*.deb; do dpkg -x "$deb" "$target"; done
  rm -rf "$target/debs"
fi

# File lists (image,label per line) that 'ossnet train/evaluate --data' read.
echo "$mricron/ch2.nii.gz,$mricron/ch2bet.nii.gz" > "$target/colin27-brain.csv"
echo "$itk/KmeansTest_T1UCharRaw.nii.gz,$itk/KmeansTest_T1RawSkullStrip.nii.gz" > "$target/kmeans-brain.csv"

# A three-class tissue dataset of the ITK subject (MSD layout, labels named in dataset.json): ITK's k-means tissue map
# (KmeansTest_T1KmeansPrelimSegmentation: 4/5/6 in ascending T1 intensity = CSF/grey/white matter) inside its brain mask.
tissues="$target/kmeans-tissues"
if [ ! -f "$tissues/dataset.json" ]; then
  if /usr/bin/python3 -c "import nibabel" 2>/dev/null; then
    mkdir -p "$tissues/imagesTr" "$tissues/labelsTr"
    cp "$itk/KmeansTest_T1UCharRaw.nii.gz" "$tissues/imagesTr/kmeans.nii.gz"
    /usr/bin/python3 - "$itk" "$tissues/labelsTr/kmeans.nii.gz" <<'PY'
import sys, numpy as np, nibabel as nib
itk, out = sys.argv[1], sys.argv[2]
kmeans = nib.load(f"{itk}/KmeansTest_T1KmeansPrelimSegmentation.nii.gz")
brain = np.asarray(nib.load(f"{itk}/KmeansTest_T1RawSkullStrip.nii.gz").dataobj) > 0
values = np.asarray(kmeans.dataobj)
tissue = np.zeros(values.shape, np.uint8)
for value, cls in ((4, 1), (5, 2), (6, 3)):
    tissue[brain & (values == value)] = cls
nib.save(nib.Nifti1Image(tissue, kmeans.affine, kmeans.header), out)
PY
    cat > "$tissues/dataset.json" <<'JSON'
{
  "name": "kmeans-tissues",
  "description": "ITK example T1 (KmeansTest_T1UCharRaw) with its k-means tissue classes inside the brain mask",
  "modality": {"0": "MRI"},
  "labels": {"0": "background", "1": "CSF", "2": "grey matter", "3": "white matter"},
  "training": [{"image": "./imagesTr/kmeans.nii.gz", "label": "./labelsTr/kmeans.nii.gz"}],
  "test": []
}
JSON
  else
    echo "fetch-real-data: python3-nibabel is missing; the three-class tissue dataset ($tissues) is not made" >&2
  fi
fi
echo "$target"
