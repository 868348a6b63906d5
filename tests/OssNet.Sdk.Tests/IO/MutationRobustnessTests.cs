// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

/// <summary>
/// Seeded mutation testing (a cheap stand-in for coverage-guided fuzzing): valid files with random byte changes,
/// truncations and insertions must either read or fail with <see cref="InvalidVolumeException"/>, never another
/// exception type.
/// </summary>
public sealed class MutationRobustnessTests : IDisposable
{
    private const int Mutations = 250;
    private static readonly VolumeReadOptions s_options = new() { MaxVoxels = 1 << 20, MaxHeaderBytes = 1 << 20, MaxTrailingBytes = 1 << 20 };
    private readonly TempDirectory _dir = new();

    public static TheoryData<string> Seeds() => ["nifti1.nii", "nifti1.nii.gz", "nifti2-big-endian.nii", "local.mha", "compressed.mha"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Read_MutatedFiles_ReadOrThrowInvalidVolumeExceptionOnly(string seed)
    {
        var original = await SeedAsync(seed);
        var random = new Random(seed.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0x7FFF); // stable across processes, unlike string.GetHashCode
        var path = _dir.File("mutant" + Extension(seed));
        var outcomes = new Dictionary<string, int> { ["read"] = 0, ["rejected"] = 0 };
        for (var i = 0; i < Mutations; i++)
        {
            var bytes = Mutate(original, random);
            await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
            foreach (var labels in new[] { false, true })
            {
                try
                {
                    if (labels)
                    {
                        var map = await VolumeFile.ReadLabelsAsync(path, s_options, TestContext.Current.CancellationToken);
                        Assert.Equal(map.Shape.VoxelCount, map.Labels.Length);
                    }
                    else
                    {
                        var volume = await VolumeFile.ReadVolumeAsync(path, s_options, TestContext.Current.CancellationToken);
                        Assert.Equal(volume.Shape.VoxelCount * volume.Channels, volume.Voxels.Length);
                    }

                    outcomes["read"]++;
                }
                catch (InvalidVolumeException e)
                {
                    Assert.Equal(path, e.Path);
                    Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                    outcomes["rejected"]++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"mutation {i} of {seed} ({(labels ? "labels" : "volume")}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }

        // The mutations must exercise both outcomes, or the test proves little.
        Assert.True(outcomes["rejected"] > 0 && outcomes["read"] > 0, $"read {outcomes["read"]}, rejected {outcomes["rejected"]}");
    }

    public void Dispose() => _dir.Dispose();

    private static string Extension(string seed) => seed[seed.IndexOf('.', StringComparison.Ordinal)..];

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            // Mostly the header, where the interesting fields are.
            var at = random.NextDouble() < 0.75 ? random.Next(Math.Min(bytes.Count, 600)) : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 2:
                    bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                    break;
                case 3:
                    bytes[at] = (byte)"0123456789-. =\n"[random.Next(15)]; // plausible text for MetaImage headers
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. bytes];
    }

    private async Task<byte[]> SeedAsync(string seed)
    {
        var shape = new VolumeShape(3, 4, 5);
        var path = _dir.File("seed" + Extension(seed));
        switch (seed)
        {
            case "nifti2-big-endian.nii":
                var values = Enumerable.Range(0, 60).Select(v => (double)v).ToArray();
                var builder = new NiftiFileBuilder
                {
                    Version = 2,
                    LittleEndian = false,
                    DataType = (short)NiftiDataType.Int16,
                    QformCode = 1,
                    Quatern = [0, 0, 0.5, 1, 2, 3],
                    SclSlope = 2,
                    Data = NiftiFileBuilder.Encode(values, NiftiDataType.Int16, false),
                };
                return builder.BuildSingleFile();
            case "compressed.mha":
                await MetaImageWriter.WriteAsync(path, TestVolumes.Labels(shape), new VolumeWriteOptions { CompressMetaImage = true }, TestContext.Current.CancellationToken);
                return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            default:
                await VolumeFile.WriteAsync(path, TestVolumes.Labels(shape), TestContext.Current.CancellationToken);
                var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                Assert.True(bytes.Length > 0, Encoding.ASCII.GetString(bytes));
                return bytes;
        }
    }
}
