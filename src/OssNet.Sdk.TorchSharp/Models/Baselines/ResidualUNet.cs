// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// A dense residual U-Net, the paper's baseline family: <see cref="ResidualUNet3D"/> (performance baseline) and
/// <see cref="ResidualUNet2D"/> (efficiency baseline, slice-wise). It maps an image to segmentation <b>logits</b> of the
/// same spatial size.
/// </summary>
/// <remarks>
/// <para>Layout for <see cref="UNetOptions.Depth"/> = L levels with c_k channels at level k (0 = full resolution):
/// encoder level 0 is a <see cref="ResidualUNetBlock"/> (C_in → c_0); level k ≥ 1 pools by 2 then applies a block
/// (c_(k−1) → c_k). Decoder level k (from L−2 down to 0) up-samples level k+1 by 2 (transposed convolution c_(k+1) → c_k,
/// or interpolation), concatenates the encoder's level-k output first and the up-sampled features second, and applies a
/// block (→ c_k). A 1×1 convolution with bias maps c_0 to the output logits.</para>
/// <para>State-dict keys: <c>encoder_blocks.{k}.…</c>, <c>upsampling_layers.{k}.weight/bias</c> (transposed convolutions
/// only; index k up-samples into level k), <c>decoder_blocks.{k}.…</c> (k = level), <c>head.weight/bias</c>, in PyTorch's
/// order.</para>
/// <para><b>Any spatial size:</b> the input is zero-padded at the high end of every spatial axis to a multiple of
/// <see cref="SizeMultiple"/> = 2^(L−1), so that every pooling is exact, and the logits are cropped back; the output's
/// spatial shape always equals the input's. Zero is also the value the reference datasets pad volumes with. In training
/// mode the padded voxels take part in the batch-norm statistics: prefer training crops whose extents are multiples of
/// <see cref="SizeMultiple"/>.</para>
/// <para><b>Memory:</b> the forward pass drops its reference to every intermediate as soon as the next layer has
/// consumed it (up-sampled features after the concatenation, skips after their decoder level), so under
/// <c>torch.no_grad()</c>/<c>inference_mode</c> the peak is a few full-resolution tensors, and in training autograd
/// keeps only what the backward pass needs. Residual sums are added in place. Sigmoid (binary) or softmax (N classes) and
/// thresholding are the caller's.</para>
/// <para>The paper does not publish its U-Net configurations; see docs/models/baselines.md for the choices made here.</para>
/// </remarks>
public abstract class ResidualUNet : Module<Tensor, Tensor>
{
    // Registered explicitly (register_module) in key order. RegisterComponents() only sees fields declared by the
    // runtime type, and these are declared here, in the base; the sealed subclasses declare no module fields.
    private readonly ModuleList<Module<Tensor, Tensor>> encoder_blocks;
    private readonly ModuleList<Module<Tensor, Tensor>> upsampling_layers;
    private readonly ModuleList<Module<Tensor, Tensor>> decoder_blocks;
    private readonly Module<Tensor, Tensor> head;
    private readonly Module<Tensor, Tensor> pooling_layer;
    private readonly UNetOptions _options;

    /// <summary>Builds the network from validated options.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="options">The architecture; copied and validated.</param>
    /// <param name="spatialDimensions">The rank the subclass implements (2 or 3).</param>
    /// <exception cref="ValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The options describe the other rank.</exception>
    private protected ResidualUNet(string name, UNetOptions options, int spatialDimensions)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();
        if (options.SpatialDimensions != spatialDimensions)
        {
            throw new ArgumentException(
                $"UNetOptions '{options.Name}' describe a {options.SpatialDimensions}D U-Net ({nameof(UNetOptions.SpatialDimensions)} = {options.SpatialDimensions}), "
                + $"but {name} is {spatialDimensions}D. Use {(options.SpatialDimensions == 3 ? nameof(ResidualUNet3D) : nameof(ResidualUNet2D))} or {nameof(ResidualUNet)}.{nameof(Create)}.",
                nameof(options));
        }

        _options = options;
        var rank = options.SpatialDimensions;
        var channels = options.LevelChannels;
        var activation = options.ActivationFactory;

        encoder_blocks = new ModuleList<Module<Tensor, Tensor>>();
        upsampling_layers = new ModuleList<Module<Tensor, Tensor>>();
        decoder_blocks = new ModuleList<Module<Tensor, Tensor>>();
        for (var level = 0; level < channels.Count; level++)
        {
            var inputChannels = level == 0 ? options.InputChannels : channels[level - 1];
            encoder_blocks.Add(new ResidualUNetBlock(rank, inputChannels, channels[level], options.Dropout, activation));
        }

        for (var level = 0; level < channels.Count - 1; level++)
        {
            var upsampledChannels = options.UseTransposedConvolution ? channels[level] : channels[level + 1];
            upsampling_layers.Add(UNetLayers.Upsampling(rank, channels[level + 1], channels[level], options.UseTransposedConvolution));
            decoder_blocks.Add(new ResidualUNetBlock(rank, channels[level] + upsampledChannels, channels[level], options.Dropout, activation));
        }

        head = UNetLayers.Convolution(rank, channels[0], options.OutputChannels, kernelSize: 1, bias: true);
        pooling_layer = UNetLayers.Pooling(rank, options.Pooling);

        register_module(nameof(encoder_blocks), encoder_blocks);
        register_module(nameof(upsampling_layers), upsampling_layers);
        register_module(nameof(decoder_blocks), decoder_blocks);
        register_module(nameof(head), head);
        register_module(nameof(pooling_layer), pooling_layer);

        if (options.Seed is { } seed)
        {
            SeededInitialization.Reset(this, seed);
        }
    }

    /// <summary>Gets a copy of the options the network was built from.</summary>
    public UNetOptions Options => _options.Clone();

    /// <summary>Gets the spatial rank: 3 (volumes [B, C, X, Y, Z]) or 2 (images [B, C, H, W]).</summary>
    public int SpatialDimensions => _options.SpatialDimensions;

    /// <summary>Gets the channels the input must have.</summary>
    public long InputChannels => _options.InputChannels;

    /// <summary>Gets the channels of the output logits: 1 for a binary network (sigmoid), else <see cref="Classes"/> (softmax).</summary>
    public long OutputChannels => _options.OutputChannels;

    /// <summary>Gets the number of classes, background included (2 = binary).</summary>
    public int Classes => _options.Classes;

    /// <summary>Gets the number of resolution levels.</summary>
    public int Depth => _options.Depth;

    /// <summary>Gets the channels of each level, full resolution first.</summary>
    public IReadOnlyList<long> LevelChannels => _options.LevelChannels;

    /// <summary>Gets the multiple every spatial extent is padded to internally, 2^(<see cref="Depth"/> − 1).</summary>
    public long SizeMultiple => _options.SizeMultiple;

    /// <summary>Gets the number of trainable parameters (batch-norm running statistics excluded).</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>Builds the U-Net the options describe: <see cref="ResidualUNet3D"/> or <see cref="ResidualUNet2D"/>.</summary>
    /// <param name="options">The architecture (e.g. a <see cref="UNetPresets"/> property); validated first.</param>
    /// <returns>A new network on the CPU; the caller owns (disposes) it.</returns>
    /// <exception cref="ValidationException">The options are invalid.</exception>
    public static ResidualUNet Create(UNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.SpatialDimensions == 3 ? new ResidualUNet3D(options) : new ResidualUNet2D(options);
    }

    /// <summary>Builds a U-Net from a preset name (see <see cref="UNetPresets.FromName"/>).</summary>
    /// <param name="presetName">E.g. <c>residual_unet_3d_bra_ts</c> or <c>tiny_3d</c>.</param>
    /// <returns>A new network on the CPU; the caller owns it.</returns>
    public static ResidualUNet Create(string presetName) => Create(UNetPresets.FromName(presetName));

    /// <summary>Computes segmentation logits (the typed wrapper of <c>call</c>; hooks run).</summary>
    /// <param name="input">[B, <see cref="InputChannels"/>, spatial…] float, any spatial size, on this module's device.
    /// For inference, switch to <c>eval()</c> and wrap the call in <c>torch.inference_mode()</c>.</param>
    /// <returns>Logits [B, <see cref="OutputChannels"/>, spatial…] with the input's spatial size; the caller owns them.
    /// Apply <c>torch.sigmoid</c> for probabilities of a binary network, <c>softmax(dim: 1)</c> with more classes.</returns>
    public Tensor Predict(Tensor input) => call(input);

    /// <summary>Runs the network.</summary>
    /// <param name="input">[B, <see cref="InputChannels"/>, spatial…] with <see cref="SpatialDimensions"/> spatial extents.</param>
    /// <returns>Logits [B, <see cref="OutputChannels"/>, spatial…] with the input's spatial size; the caller owns them.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Rank(input, SpatialDimensions + 2, nameof(input));
        TensorGuard.Dimension(input, 1, InputChannels, nameof(input));
        using var scope = torch.NewDisposeScope();
        var padded = PadToMultiple(input);
        var levels = encoder_blocks.Count;
        var skips = new Tensor[levels - 1];

        // Encoder. Each level's output is the next level's pooling input and this level's skip.
        var features = padded ?? input;
        for (var level = 0; level < levels; level++)
        {
            var blockInput = level == 0 ? features : pooling_layer.call(features);
            var output = encoder_blocks[level].call(blockInput);
            if (!ReferenceEquals(blockInput, input))
            {
                // Our handle only: autograd keeps whatever its backward pass needs.
                blockInput.Dispose();
            }

            if (level < levels - 1)
            {
                skips[level] = output;
            }

            features = output;
        }

        // Decoder, coarse to fine. Handles are dropped as soon as they are consumed, so without autograd only the
        // current level's tensors and the remaining skips are alive.
        for (var level = levels - 2; level >= 0; level--)
        {
            var upsampled = upsampling_layers[level].call(features);
            features.Dispose();
            var joined = torch.cat([skips[level], upsampled], dim: 1);
            upsampled.Dispose();
            skips[level].Dispose();
            features = decoder_blocks[level].call(joined);
            joined.Dispose();
        }

        var logits = head.call(features);
        features.Dispose();
        if (padded is not null)
        {
            logits = CropTo(logits, input.shape);
        }

        return logits.MoveToOuterDisposeScope();
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
    /// <exception cref="NotSupportedException">Unknown extension.</exception>
    public void SaveWeights(string path) => ModuleWeights.Save(this, path);

    /// <summary>Returns the state dictionary in PyTorch's key order.</summary>
    /// <param name="destination">A dictionary to add to, or null.</param>
    /// <param name="prefix">A key prefix, or null.</param>
    /// <returns>The network's own tensors (not copies) by key.</returns>
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) =>
        StateDictionaryOrder.ToDictionary(this, destination, prefix);

    /// <summary>Zero-pads the high end of every spatial axis to a multiple of <see cref="SizeMultiple"/>.</summary>
    /// <returns>The padded tensor, or null when every extent is already a multiple.</returns>
    private Tensor? PadToMultiple(Tensor input)
    {
        var multiple = SizeMultiple;
        var shape = input.shape;

        // functional.pad takes (low, high) pairs starting from the last dimension.
        var pads = new long[2 * SpatialDimensions];
        var any = false;
        for (var i = 0; i < SpatialDimensions; i++)
        {
            var extent = shape[shape.Length - 1 - i];
            var extra = (multiple - (extent % multiple)) % multiple;
            pads[(2 * i) + 1] = extra;
            any |= extra > 0;
        }

        return any ? functional.pad(input, pads, PaddingModes.Constant, 0.0) : null;
    }

    /// <summary>Crops the spatial extents of <paramref name="padded"/> back to those of <paramref name="inputShape"/>.</summary>
    private static Tensor CropTo(Tensor padded, long[] inputShape)
    {
        var view = padded;
        for (var dim = 2; dim < inputShape.Length; dim++)
        {
            view = view.narrow(dim, 0, inputShape[dim]);
        }

        // A compact copy: a view would keep the padded storage alive for as long as the caller keeps the logits.
        return view.contiguous();
    }
}
