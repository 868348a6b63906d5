// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>Runs independent slab loops in parallel when the volume is big enough to pay for the threads.</summary>
/// <remarks>
/// Every slab writes only its own output region and draws no shared random numbers, so the result is the same
/// whether the loop runs on one core or many.
/// </remarks>
internal static class SlabParallel
{
    /// <summary>Below this many voxels of work a plain loop is faster than spinning up the thread pool.</summary>
    private const long ParallelThreshold = 1 << 18;

    /// <summary>Calls <paramref name="body"/> for every slab index in [0, <paramref name="slabCount"/>).</summary>
    /// <param name="slabCount">Number of slabs.</param>
    /// <param name="voxelsPerSlab">Approximate work of one slab, used to decide whether to go parallel.</param>
    /// <param name="body">The work of one slab.</param>
    public static void For(int slabCount, long voxelsPerSlab, Action<int> body)
    {
        if (slabCount <= 1 || slabCount * voxelsPerSlab < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < slabCount; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, slabCount, body);
    }
}
