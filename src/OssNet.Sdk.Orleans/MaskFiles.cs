// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans;

/// <summary>Where a case's mask is written: <c>&lt;output&gt;/&lt;case&gt;_mask.nii.gz</c>, the naming of <c>ossnet segment</c>,
/// so masks from a cluster and from one process compare file for file.</summary>
public static class MaskFiles
{
    /// <summary>The mask file of <paramref name="caseId"/> in <paramref name="outputFolder"/>.</summary>
    /// <param name="outputFolder">The output folder.</param>
    /// <param name="caseId">The case identifier.</param>
    /// <returns>The path.</returns>
    public static string PathFor(string outputFolder, string caseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        return Path.Combine(outputFolder, $"{caseId}_mask.nii.gz");
    }

    /// <summary>Deletes the temporary files that interrupted atomic writes of this mask left behind (a worker killed between
    /// writing and renaming; see <c>AtomicFile</c>), so that a finished case leaves exactly one file.</summary>
    /// <param name="maskPath">The mask file.</param>
    /// <returns>How many files were deleted.</returns>
    public static int DeleteInterruptedWrites(string maskPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(maskPath))!;
        var deleted = 0;
        foreach (var temp in Directory.EnumerateFiles(folder, $".{Path.GetFileName(maskPath)}.*.tmp"))
        {
            try
            {
                File.Delete(temp);
                deleted++;
            }
            catch (IOException)
            {
                // Another worker's write still in flight on a shared disk: its own commit or cleanup handles it.
            }
        }

        return deleted;
    }
}
