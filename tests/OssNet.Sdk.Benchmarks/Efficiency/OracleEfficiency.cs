// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Losses;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Efficiency;

/// <summary>
/// The procedures driven by an <b>oracle</b> instead of a network: the occupancy function returns the phantom's own label
/// (probability 1 inside, 0 outside), and the low-resolution "head" is the auxiliary loss's target — the label max-pooled
/// to grid / 32 (8×8×5 at BraTS size), i.e. what a perfectly trained head would output. The point counts then show what
/// the procedures cost on these shapes with a perfect model, independent of training.
/// </summary>
internal static class OracleEfficiency
{
    public static CaseComparison Compare(string caseId, LabelVolume binaryLabel, (long X, long Y, long Z) headShape)
    {
        using var scope = torch.NewDisposeScope();
        var label = binaryLabel.ToTensorUInt8();
        var grid = (label.shape[0], label.shape[1], label.shape[2]);
        Tensor Oracle(Tensor points) => label.index([points[.., 0], points[.., 1], points[.., 2]]).to(ScalarType.Float32);
        Tensor Prior()
        {
            var head = OccupancyLoss.LowResolutionTarget(label.unsqueeze(0), headShape);
            return EncoderPrior.ToFirstStageMask(head, ProcedureRunner.Lattice(grid));
        }

        return ProcedureRunner.Compare(caseId, label, () => (Oracle, null), () => (Oracle, Prior()));
    }

    private static Tensor ToTensorUInt8(this LabelVolume labels) =>
        OssNet.Sdk.TorchSharp.Interop.VolumeTensorExtensions.ToTensor(labels);
}
