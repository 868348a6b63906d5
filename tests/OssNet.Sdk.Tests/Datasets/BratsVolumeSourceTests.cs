// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class BratsVolumeSourceTests : IDisposable
{
    private static readonly VolumeShape s_shape = new(3, 4, 2);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task LoadAsync_BratsLayout_ChannelsAreFlairT1T1ceT2AndCasesSorted()
    {
        await WriteCaseAsync("BraTS20_Training_010");
        await WriteCaseAsync("BraTS20_Training_002");
        _dir.Write("name_mapping.csv", [1]);
        Directory.CreateDirectory(_dir.File("not_a_case"));

        var source = new BratsVolumeSource(_dir.Path);
        var loaded = await source.LoadAsync("BraTS20_Training_002", TestContext.Current.CancellationToken);

        Assert.Equal(["BraTS20_Training_002", "BraTS20_Training_010"], source.CaseIds);
        Assert.Equal(4, loaded.Image.Channels);
        // Each modality file holds its own constant: flair 1, t1 2, t1ce 3, t2 4.
        Assert.Equal([1f, 2f, 3f, 4f], Enumerable.Range(0, 4).Select(c => loaded.Image[c, 2, 3, 1]).ToArray());
        Assert.Equal(["FLAIR", "T1", "T1ce", "T2"], Enumerable.Range(0, 4).Select(c => loaded.Metadata[$"channel{c}"]).ToArray());
        Assert.Equal(4, loaded.Label![1, 1, 1]);
        Assert.EndsWith("BraTS20_Training_002_t1ce.nii.gz", loaded.Metadata["image2.path"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingModality_ThrowsNamingCaseAndFile()
    {
        await WriteCaseAsync("case1", skip: "t1ce");

        var source = new BratsVolumeSource(_dir.Path);
        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () => await source.LoadAsync("case1", TestContext.Current.CancellationToken));

        Assert.Contains("case 'case1': case1_t1ce.nii.gz (or .nii) is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NoSegmentation_LoadsUnlabelledUnlessLabelsRequired()
    {
        await WriteCaseAsync("validation1", skip: "seg");

        var loaded = await new BratsVolumeSource(_dir.Path).LoadAsync("validation1", TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () =>
            await new BratsVolumeSource(_dir.Path, requireLabels: true).LoadAsync("validation1", TestContext.Current.CancellationToken));

        Assert.Null(loaded.Label);
        Assert.Contains("labels are required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ModalityWithDifferentAffine_RejectsOrRecordsPerPolicy()
    {
        await WriteCaseAsync("case1", t2Affine: AffineMatrix.Diagonal(1, 1, 1, 5, 0, 0));

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () =>
            await new BratsVolumeSource(_dir.Path).LoadAsync("case1", TestContext.Current.CancellationToken));
        var lenient = new BratsVolumeSource(_dir.Path, new VolumeReadOptions { AffineMismatch = AffineMismatchPolicy.RecordInMetadata });
        var loaded = await lenient.LoadAsync("case1", TestContext.Current.CancellationToken);

        Assert.Contains("case 'case1': case1_t2.nii.gz affine", e.Message, StringComparison.Ordinal);
        Assert.Contains("case1_t2.nii.gz affine", loaded.Metadata["warnings"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllAsync_CancelledToken_StopsWithOperationCanceled()
    {
        await WriteCaseAsync("case1");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in new BratsVolumeSource(_dir.Path).ReadAllAsync(cts.Token))
            {
                Assert.Fail("no case should load after cancellation");
            }
        });
    }

    [Fact]
    public void Constructor_ListsCasesWithoutReadingVoxels()
    {
        Directory.CreateDirectory(_dir.File("c1"));
        _dir.Write("c1/c1_flair.nii.gz", [0xFF]); // garbage: listing must not open it

        var source = new BratsVolumeSource(_dir.Path);

        Assert.Equal(["c1"], source.CaseIds);
        Assert.Throws<KeyNotFoundException>(() => source.GetFiles("c2"));
    }

    public void Dispose() => _dir.Dispose();

    private async Task WriteCaseAsync(string id, string? skip = null, AffineMatrix? t2Affine = null)
    {
        Directory.CreateDirectory(_dir.File(id));
        var value = 1f;
        foreach (var modality in BratsVolumeSource.Modalities)
        {
            var geometry = VolumeGeometry.Create(s_shape);
            if (modality == "t2" && t2Affine is not null)
            {
                geometry = new VolumeGeometry(s_shape, (1, 1, 1), t2Affine);
            }

            var volume = Volume.Zeros(geometry);
            volume.Voxels.Span.Fill(value++);
            if (modality != skip)
            {
                await VolumeFile.WriteAsync(_dir.File($"{id}/{id}_{modality}.nii.gz"), volume, TestContext.Current.CancellationToken);
            }
        }

        if (skip != "seg")
        {
            var seg = LabelVolume.Zeros(VolumeGeometry.Create(s_shape));
            seg.Labels.Span.Fill(4);
            await VolumeFile.WriteAsync(_dir.File($"{id}/{id}_seg.nii.gz"), seg, TestContext.Current.CancellationToken);
        }
    }
}
