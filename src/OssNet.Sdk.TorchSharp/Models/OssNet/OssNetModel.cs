// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.TorchSharp.Decoders;
using OssNet.Sdk.TorchSharp.Encoders;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Serialization;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.OssNet;

/// <summary>
/// OSS-Net (Reich et al., BMVC 2021) and its O-Net baseline: an encoder that turns a down-sampled volume into latent
/// vectors and an occupancy decoder that classifies query points of the full-resolution grid from their coordinates,
/// local patches and the latents.
/// </summary>
/// <remarks>
/// <para>Build with <see cref="Create(OssNetOptions, EncoderFactory?, OccupancyDecoderFactory?)"/> from a preset
/// (<see cref="OssNetPresets"/>). The fields are named <c>encoder</c> and <c>decoder</c>, so <c>state_dict()</c> keys
/// are exactly the reference's (<c>encoder.blocks.0.main_mapping.0.weight</c>, …,
/// <c>decoder.blocks.0.cnb_1.linear_gamma.weight</c>, …) and in the reference's order; the released PyTorch
/// checkpoints load with <see cref="LoadWeights"/>.</para>
/// <para>Outputs are <b>logits</b> (the reference returns sigmoid probabilities): apply <c>torch.sigmoid</c> for
/// probabilities and train with BCE with logits. The model is created on the CPU; move it with <c>to(device)</c>.</para>
/// </remarks>
public sealed class OssNetModel : Module<Tensor, Tensor, Tensor?, (Tensor Logits, Tensor? LowResolutionLogits)>
{
    private readonly EncoderModule encoder;
    private readonly OccupancyDecoderModule decoder;

    // Read live by the model (patch flags, grids); never handed out, so callers cannot change a built model's shape.
    private readonly OssNetOptions _options;

    private OssNetModel(OssNetOptions options, EncoderModule encoder, OccupancyDecoderModule decoder)
        : base(nameof(OssNetModel))
    {
        _options = options;
        this.encoder = encoder;
        this.decoder = decoder;
        RegisterComponents();
    }

    /// <summary>Gets a copy of the options the model was built from (a new copy per call: changing it does not change the model).</summary>
    public OssNetOptions Options => _options.Clone();

    /// <summary>Gets the encoder (owned by the model).</summary>
    public EncoderModule Encoder => encoder;

    /// <summary>Gets the occupancy decoder (owned by the model).</summary>
    public OccupancyDecoderModule Decoder => decoder;

    /// <summary>Gets the channels of the volumes the model encodes.</summary>
    public long InputChannels => encoder.InputChannels;

    /// <summary>Gets the spatial size of the down-sampled volume the encoder receives.</summary>
    public VolumeShape EncoderInputShape => _options.EncoderInputShape;

    /// <summary>Gets the spatial size of the full-resolution grid the query coordinates index.</summary>
    public VolumeShape FullResolutionShape => _options.FullResolutionShape;

    /// <summary>Gets the edge length of a point's patch (7).</summary>
    public static int PatchSize => PatchMapping.PatchSize;

    /// <summary>Gets the 7×7×7 patch channels each query point needs: 0 (no patches), C (small 7³ patch) or 2C (the small
    /// patch followed by the 14³ neighbourhood pooled 2×2×2 to 7³).</summary>
    public long PatchChannels => decoder.PatchChannels;

    /// <summary>Gets a value indicating whether points need the small 7³ patch.</summary>
    public bool UsesSmallPatches => _options.UseSmallPatches;

    /// <summary>Gets a value indicating whether points need the large (14³ pooled to 7³) patch appended.</summary>
    public bool UsesLargePatches => _options.UseLargePatches;

    /// <summary>Gets a value indicating whether the encoder predicts low-resolution logits (auxiliary loss, optimised inference).</summary>
    public bool HasLowResolutionHead => encoder.HasLowResolutionHead;

    /// <summary>Gets the latent vectors per volume K.</summary>
    public int LatentCount => encoder.LatentCount;

    /// <summary>Gets the latent size L.</summary>
    public long LatentFeatures => encoder.LatentFeatures;

    /// <summary>Gets the number of classes, background included (2 for a binary model).</summary>
    public int Classes => Options.Classes;

    /// <summary>Gets a value indicating whether the model is binary: one logit per point, sigmoid probabilities.
    /// Otherwise it outputs <see cref="Classes"/> logits per point and a softmax gives the class probabilities.</summary>
    public bool IsBinary => Options.Classes == 2;

    /// <summary>Gets the number of trainable parameters (the reference's "# model parameters").</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>Builds a model.</summary>
    /// <param name="options">The architecture; validated first.</param>
    /// <param name="encoderFactory">Creates a custom encoder instead of the built-in one; it must accept
    /// <see cref="EncoderBuildContext.InputChannels"/> channels and produce latents of
    /// <see cref="EncoderBuildContext.LatentCount"/> × <see cref="EncoderBuildContext.LatentFeatures"/>.</param>
    /// <param name="decoderFactory">Creates a custom occupancy decoder instead of the built-in one.</param>
    /// <returns>A new model on the CPU; the caller owns (disposes) it.</returns>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A custom encoder or decoder does not fit; the message says how.</exception>
    /// <exception cref="TorchBackendUnavailableException">TorchSharp's native backend cannot be loaded.</exception>
    public static OssNetModel Create(OssNetOptions options, EncoderFactory? encoderFactory = null, OccupancyDecoderFactory? decoderFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchBackend.EnsureLoaded(); // a missing native backend fails here with its cause, not deep inside a layer
        options = options.Clone();
        options.Validate(builtInEncoder: encoderFactory is null);
        EncoderModule? encoder = null;
        OccupancyDecoderModule? decoder = null;
        try
        {
            encoder = encoderFactory is null ? CreateEncoder(options) : CreateCustomEncoder(options, encoderFactory);
            decoder = decoderFactory is null ? CreateDecoder(options) : CreateCustomDecoder(options, encoder, decoderFactory);
            var model = new OssNetModel(options, encoder, decoder);
            if (options.Seed is { } seed && encoderFactory is null && decoderFactory is null)
            {
                ParameterInitialization.Reset(model, seed);
            }

            return model;
        }
        catch
        {
            encoder?.Dispose();
            decoder?.Dispose();
            throw;
        }
    }

    /// <summary>Builds a model from a preset name (a reference config name such as <c>oss_net_full_bra_ts</c>, or <c>tiny</c>).</summary>
    /// <param name="presetName">See <see cref="OssNetPresets.FromName"/>.</param>
    /// <returns>A new model on the CPU; the caller owns it.</returns>
    public static OssNetModel Create(string presetName) => Create(OssNetPresets.FromName(presetName));

    /// <summary>Encodes (down-sampled) volumes.</summary>
    /// <param name="volumes">[B, C, X, Y, Z] with (X, Y, Z) = <see cref="EncoderInputShape"/> for the built-in encoders.</param>
    /// <returns>Latents [B, K, L] and, with the head, low-resolution logits; the caller owns (disposes) the result.</returns>
    public EncoderOutput Encode(Tensor volumes)
    {
        var encoded = encoder.call(volumes);
        try
        {
            CheckEncoderOutput(encoded, volumes.shape[0]);
        }
        catch
        {
            encoded.Dispose();
            throw;
        }

        return encoded;
    }

    /// <summary>Predicts occupancy logits of query points.</summary>
    /// <param name="coordinates">[B, N, 3]: raw voxel indices of the full-resolution grid as float (not normalised).</param>
    /// <param name="patches">[B, N, <see cref="PatchChannels"/>, 7, 7, 7], or null when <see cref="PatchChannels"/> is 0.</param>
    /// <param name="encoded">The output of <see cref="Encode"/> for the same B volumes.</param>
    /// <returns>Logits [B, N, 1] (binary) or [B, N, <see cref="Classes"/>]; the caller owns the tensor. Split large point sets into chunks.</returns>
    public Tensor Decode(Tensor coordinates, Tensor? patches, EncoderOutput encoded) => decoder.Decode(coordinates, patches, encoded);

    /// <summary>Encodes the volumes and decodes the query points (a training forward pass).</summary>
    /// <param name="volumes">[B, C, X, Y, Z] down-sampled volumes.</param>
    /// <param name="coordinates">[B, N, 3] raw full-resolution voxel coordinates, float.</param>
    /// <param name="patches">[B, N, <see cref="PatchChannels"/>, 7, 7, 7] or null.</param>
    /// <returns>Point logits [B, N, 1] and, with the head, low-resolution logits [B, 1, a, b, c] (binary; with N ≥ 3 classes
    /// [B, N_points, N] and [B, N, a, b, c]); the caller owns both.</returns>
    public override (Tensor Logits, Tensor? LowResolutionLogits) forward(Tensor volumes, Tensor coordinates, Tensor? patches)
    {
        using var scope = torch.NewDisposeScope();

        // The latents stay in this scope and die with it; only the point logits and the head's logits move out.
        var encoded = Encode(volumes);
        var logits = decoder.Decode(coordinates, patches, encoded);
        return (logits.MoveToOuterDisposeScope(), encoded.LowResolutionLogits?.MoveToOuterDisposeScope());
    }

    /// <summary>Loads weights saved by <see cref="SaveWeights"/>, TorchSharp's <c>save</c>, PyTorch's
    /// <c>torch.save(model.state_dict())</c> (<c>.pt</c>/<c>.pth</c>) or safetensors; the extension picks the format.</summary>
    /// <param name="path">The weights file.</param>
    /// <exception cref="StateDictionaryMismatchException">Keys or shapes differ; the message names each key.</exception>
    /// <exception cref="NotSupportedException">Unknown extension.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid in its format.</exception>
    public void LoadWeights(string path) => ModuleWeights.Load(this, path);

    /// <summary>Saves the weights (atomically) as <c>.dat</c> (TorchSharp), <c>.pt</c>/<c>.pth</c> (PyTorch) or <c>.safetensors</c>.</summary>
    /// <param name="path">The target file; its extension picks the format.</param>
    public void SaveWeights(string path) => ModuleWeights.Save(this, path);

    /// <summary>Returns the state dictionary in the reference's (PyTorch's) key order.</summary>
    /// <param name="destination">A dictionary to add to, or null.</param>
    /// <param name="prefix">A key prefix, or null.</param>
    /// <returns>The model's own tensors (not copies) by key.</returns>
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) =>
        StateDictionaryOrder.ToDictionary(this, destination, prefix);

    private static ConvolutionalEncoder CreatePlainEncoder(OssNetOptions options) =>
        new(options.InputChannels, Longs(options.EncoderChannels), options.EncoderInputShape, options.Dropout, options.ActivationOverride);

    private static EncoderModule CreateEncoder(OssNetOptions options) =>
        options.UseSkipEncoder
            ? new ConvolutionalEncoderWithSkips(
                options.InputChannels,
                Longs(options.EncoderChannels),
                options.ResolvedEncoderOutputShape,
                options.LatentCount,
                options.UseLowResolutionHead,
                options.Dropout,
                options.ActivationOverride,
                options.OutputChannels)
            : CreatePlainEncoder(options);

    private static EncoderModule CreateCustomEncoder(OssNetOptions options, EncoderFactory factory)
    {
        var context = new EncoderBuildContext(
            options.InputChannels, options.LatentFeatures, options.LatentCount, options.EncoderInputShape, options.UseLowResolutionHead, options.Seed)
        {
            LowResolutionChannels = options.OutputChannels,
        };
        var encoder = factory(context)
            ?? throw new InvalidOperationException("The encoder factory returned null.");
        var problem =
            encoder.InputChannels != context.InputChannels ? $"accepts {encoder.InputChannels} input channels, the options have {context.InputChannels}"
            : encoder.LatentFeatures != context.LatentFeatures ? $"produces latents of {encoder.LatentFeatures} features, the options ask for {context.LatentFeatures}"
            : encoder.LatentCount != context.LatentCount ? $"produces {encoder.LatentCount} latent(s) per volume, the options ask for {context.LatentCount}"
            : context.UseLowResolutionHead && !encoder.HasLowResolutionHead ? "has no low-resolution head, but the options ask for one"
            : encoder.HasLowResolutionHead && encoder.LowResolutionChannels != context.LowResolutionChannels
                ? $"has a low-resolution head of {encoder.LowResolutionChannels} channel(s), the options' {options.Classes} classes need {context.LowResolutionChannels}"
            : null;
        if (problem is not null)
        {
            var type = encoder.GetType().Name;
            encoder.Dispose();
            throw new InvalidOperationException($"The custom encoder {type} does not fit: it {problem}.");
        }

        return encoder;
    }

    private static ResidualConditionalBatchNormDecoder CreateDecoder(OssNetOptions options)
    {
        var fourier = options.UseFourierFeatures
            ? FourierFeatures.CreateMatrix(
                options.FourierFrequencies,
                FourierFeatures.DefaultScale,
                options.Seed is { } seed ? new torch.Generator(unchecked((ulong)seed) ^ 0x0F0E_7A11UL) : null)
            : null;
        return new ResidualConditionalBatchNormDecoder(
            options.LatentFeatures, Longs(options.DecoderWidths), options.PatchChannels, fourier, options.Dropout, options.ActivationOverride, options.OutputChannels);
    }

    private static OccupancyDecoderModule CreateCustomDecoder(OssNetOptions options, EncoderModule encoder, OccupancyDecoderFactory factory)
    {
        var context = new OccupancyDecoderBuildContext(encoder.LatentFeatures, encoder.LatentCount, options.PatchChannels, options.Seed)
        {
            OutputChannels = options.OutputChannels,
        };
        var decoder = factory(context)
            ?? throw new InvalidOperationException("The decoder factory returned null.");
        var problem =
            decoder.LatentFeatures != encoder.LatentFeatures ? $"expects latents of {decoder.LatentFeatures} features, the encoder produces {encoder.LatentFeatures}"
            : !decoder.SupportsLatentCount(encoder.LatentCount) ? $"does not accept {encoder.LatentCount} latent(s) per volume"
            : decoder.PatchChannels != options.PatchChannels ? $"expects {decoder.PatchChannels} patch channels, the options give {options.PatchChannels}"
            : decoder.OutputChannels != context.OutputChannels
                ? $"outputs {decoder.OutputChannels} logit(s) per point, the options' {options.Classes} classes need {context.OutputChannels}"
            : null;
        if (problem is not null)
        {
            var type = decoder.GetType().Name;
            decoder.Dispose();
            throw new InvalidOperationException($"The custom decoder {type} does not fit: it {problem}.");
        }

        return decoder;
    }

    private static long[] Longs(IList<int> values) => values.Select(v => (long)v).ToArray();

    private void CheckEncoderOutput(EncoderOutput encoded, long batch)
    {
        var latents = encoded.Latents;
        if (latents.dim() != 3 || latents.shape[0] != batch || latents.shape[1] != encoder.LatentCount || latents.shape[2] != encoder.LatentFeatures)
        {
            throw new InvalidOperationException(
                $"The encoder {encoder.GetType().Name} returned latents of shape {TensorGuard.Format(latents.shape)}; expected [{batch}, {encoder.LatentCount}, {encoder.LatentFeatures}].");
        }

        if (encoder.HasLowResolutionHead && encoded.LowResolutionLogits is null)
        {
            throw new InvalidOperationException($"The encoder {encoder.GetType().Name} declares a low-resolution head but returned no low-resolution logits.");
        }
    }
}
