// OssNet.Sdk.Reporting: the 3D viewer of a case page. Reads the page's settings (inline JSON) and the volumes that
// <case>.data.js assigned to window.OSSNET_VOLUMES, and shows them with NiiVue (assets/niivue.umd.js): the scan in
// grey, the prediction filled in the class colours, the reference as an outline. No network access, no fetch():
// the page works when opened straight from disk. Sets document.body.dataset.viewer to "ready" or "error".
(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('case-settings').textContent);
  var message = document.getElementById('viewer-message');

  function fail(text) {
    message.textContent = text;
    message.classList.add('error');
    message.hidden = false;
    document.body.dataset.viewer = 'error';
  }

  // A NiiVue label colour map: one entry per label value; background (value 0) transparent. The prediction uses it
  // see-through (filled), the reference outline opaque, so the outline reads as a saturated line over the fill.
  function labelColormap() {
    var map = { R: [0], G: [0], B: [0], A: [0], I: [0], labels: ['background'] };
    settings.labels.forEach(function (label) {
      map.R.push(label.color[0]);
      map.G.push(label.color[1]);
      map.B.push(label.color[2]);
      map.A.push(255);
      map.I.push(label.value);
      map.labels.push(label.name);
    });
    return map;
  }

  async function loadLabels(base64, name, opacity) {
    var image = await niivue.NVImage.loadFromBase64({ base64: base64, name: name, opacity: opacity });
    image.setColormapLabel(labelColormap());
    return image;
  }

  async function start() {
    if (!window.niivue) {
      return fail('The viewer script (assets/niivue.umd.js) did not load.');
    }
    var volumes = window.OSSNET_VOLUMES;
    if (!volumes) {
      return fail('The volumes of this case (its .data.js file) did not load.');
    }
    if (!document.createElement('canvas').getContext('webgl2')) {
      return fail('This browser has no WebGL2, which the 3D viewer needs. The numbers on this page are complete.');
    }

    var nv = new niivue.Niivue({
      backColor: [0.05, 0.06, 0.08, 1],
      // A thin, see-through crosshair with a gap, so that it does not hide the structure it points at.
      crosshairColor: [1, 1, 1, 0.4],
      crosshairWidth: 0.5,
      crosshairGap: 12,
      show3Dcrosshair: true,
      multiplanarShowRender: niivue.SHOW_RENDER.ALWAYS,
      isColorbar: false,
      dragAndDropEnabled: false,
      loadingText: '',
      logLevel: 'warn'
    });
    await nv.attachToCanvas(document.getElementById('viewer'));
    var scan = await niivue.NVImage.loadFromBase64({ base64: volumes.scan, name: 'scan.nii.gz', colormap: 'gray' });
    nv.addVolume(scan);
    var opacity = document.getElementById('opacity');
    var fill = Number(opacity.value) / 100;
    nv.addVolume(await loadLabels(volumes.prediction, 'prediction.nii.gz', fill));
    var referenceIndex = -1;
    if (volumes.referenceOutline) {
      nv.addVolume(await loadLabels(volumes.referenceOutline, 'reference-outline.nii.gz', 1));
      referenceIndex = 2;
    }
    nv.setSliceType(nv.sliceTypeMultiplanar);
    if (settings.focus) {
      // Start at the segmentation (a voxel index of the scan), not at the volume's centre.
      nv.scene.crosshairPos = nv.vox2frac(settings.focus);
      nv.drawScene();
    }

    var showPrediction = document.getElementById('show-prediction');
    var showReference = document.getElementById('show-reference');
    function applyOpacity() {
      fill = Number(opacity.value) / 100;
      nv.setOpacity(1, showPrediction.checked ? fill : 0);
      if (referenceIndex > 0) {
        nv.setOpacity(referenceIndex, showReference.checked ? 1 : 0);
      }
    }
    showPrediction.addEventListener('change', applyOpacity);
    opacity.addEventListener('input', applyOpacity);
    if (showReference) {
      showReference.addEventListener('change', applyOpacity);
    }

    var views = {
      multiplanar: nv.sliceTypeMultiplanar,
      axial: nv.sliceTypeAxial,
      coronal: nv.sliceTypeCoronal,
      sagittal: nv.sliceTypeSagittal,
      render: nv.sliceTypeRender
    };
    document.querySelectorAll('[data-view]').forEach(function (button) {
      button.addEventListener('click', function () {
        document.querySelectorAll('[data-view]').forEach(function (b) { b.classList.toggle('active', b === button); });
        nv.setSliceType(views[button.dataset.view]);
      });
    });

    message.hidden = true;
    window.ossnetViewer = nv;
    document.body.dataset.viewer = 'ready';
  }

  start().catch(function (error) {
    fail('The viewer failed: ' + (error && error.message ? error.message : error));
  });
})();
