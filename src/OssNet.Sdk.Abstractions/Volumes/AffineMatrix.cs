// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Volumes;

/// <summary>
/// An immutable 4×4 voxel-to-world affine in double precision: world (RAS+, millimetres) = A · [i, j, k, 1]ᵀ.
/// </summary>
/// <remarks>
/// The world frame is NIfTI's RAS+ (+x Right, +y Anterior, +z Superior). ITK/MetaImage's LPS frame is converted at
/// the IO boundary. The last row is always (0, 0, 0, 1).
/// </remarks>
public sealed class AffineMatrix : IEquatable<AffineMatrix>
{
    private readonly double[] _m; // row-major, 16 values

    private AffineMatrix(double[] rowMajor) => _m = rowMajor;

    /// <summary>Gets the identity affine.</summary>
    public static AffineMatrix Identity { get; } = Diagonal(1, 1, 1);

    /// <summary>Creates an affine from the top three rows (12 values, row-major); the last row is (0, 0, 0, 1).</summary>
    /// <exception cref="ArgumentException">Not 12 values, or a value is not finite.</exception>
    public static AffineMatrix FromRows(ReadOnlySpan<double> topThreeRows)
    {
        if (topThreeRows.Length != 12)
        {
            throw new ArgumentException($"An affine needs 12 values (three rows of four); got {topThreeRows.Length}.", nameof(topThreeRows));
        }

        var m = new double[16];
        topThreeRows.CopyTo(m);
        m[15] = 1;
        foreach (var v in m)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("An affine must contain only finite values.", nameof(topThreeRows));
            }
        }

        return new AffineMatrix(m);
    }

    /// <summary>Creates diag(sx, sy, sz) with the given translation.</summary>
    public static AffineMatrix Diagonal(double sx, double sy, double sz, double tx = 0, double ty = 0, double tz = 0) =>
        FromRows([sx, 0, 0, tx, 0, sy, 0, ty, 0, 0, sz, tz]);

    /// <summary>Gets element (row, column), both 0..3.</summary>
    public double this[int row, int column] => _m[(row * 4) + column];

    /// <summary>Gets the translation (world position of voxel (0, 0, 0)'s centre).</summary>
    public (double X, double Y, double Z) Translation => (_m[3], _m[7], _m[11]);

    /// <summary>Gets the voxel spacing implied by the affine: the length of each of the first three columns.</summary>
    public (double X, double Y, double Z) ColumnNorms =>
        (Norm(0), Norm(1), Norm(2));

    /// <summary>Gets the determinant of the 3×3 linear part.</summary>
    public double Determinant3x3 =>
        (_m[0] * ((_m[5] * _m[10]) - (_m[6] * _m[9])))
        - (_m[1] * ((_m[4] * _m[10]) - (_m[6] * _m[8])))
        + (_m[2] * ((_m[4] * _m[9]) - (_m[5] * _m[8])));

    /// <summary>Maps a (possibly fractional) voxel index to world coordinates.</summary>
    public (double X, double Y, double Z) Transform(double i, double j, double k) =>
        ((_m[0] * i) + (_m[1] * j) + (_m[2] * k) + _m[3],
         (_m[4] * i) + (_m[5] * j) + (_m[6] * k) + _m[7],
         (_m[8] * i) + (_m[9] * j) + (_m[10] * k) + _m[11]);

    /// <summary>Returns this · <paramref name="other"/>.</summary>
    public AffineMatrix Multiply(AffineMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var r = new double[16];
        for (var row = 0; row < 4; row++)
        {
            for (var col = 0; col < 4; col++)
            {
                double sum = 0;
                for (var k = 0; k < 4; k++)
                {
                    sum += _m[(row * 4) + k] * other._m[(k * 4) + col];
                }

                r[(row * 4) + col] = sum;
            }
        }

        return new AffineMatrix(r);
    }

    /// <summary>Returns the inverse affine.</summary>
    /// <exception cref="InvalidOperationException">The linear part is singular.</exception>
    public AffineMatrix Inverse()
    {
        var det = Determinant3x3;
        if (Math.Abs(det) < 1e-12)
        {
            throw new InvalidOperationException("The affine is singular and cannot be inverted.");
        }

        var a = _m;
        var inv = new double[16];
        inv[0] = ((a[5] * a[10]) - (a[6] * a[9])) / det;
        inv[1] = ((a[2] * a[9]) - (a[1] * a[10])) / det;
        inv[2] = ((a[1] * a[6]) - (a[2] * a[5])) / det;
        inv[4] = ((a[6] * a[8]) - (a[4] * a[10])) / det;
        inv[5] = ((a[0] * a[10]) - (a[2] * a[8])) / det;
        inv[6] = ((a[2] * a[4]) - (a[0] * a[6])) / det;
        inv[8] = ((a[4] * a[9]) - (a[5] * a[8])) / det;
        inv[9] = ((a[1] * a[8]) - (a[0] * a[9])) / det;
        inv[10] = ((a[0] * a[5]) - (a[1] * a[4])) / det;
        for (var row = 0; row < 3; row++)
        {
            inv[(row * 4) + 3] = -((inv[row * 4] * a[3]) + (inv[(row * 4) + 1] * a[7]) + (inv[(row * 4) + 2] * a[11]));
        }

        inv[15] = 1;
        return new AffineMatrix(inv);
    }

    /// <summary>
    /// Gets the orientation code: for each image axis, the world direction it points to most
    /// (as nibabel's <c>aff2axcodes</c>), e.g. "RAS" or "LPI".
    /// </summary>
    public string OrientationCode
    {
        get
        {
            Span<char> code = stackalloc char[3];
            Span<bool> used = stackalloc bool[3];
            for (var axis = 0; axis < 3; axis++)
            {
                var best = -1;
                double bestValue = -1;
                for (var world = 0; world < 3; world++)
                {
                    var value = Math.Abs(_m[(world * 4) + axis]) / Math.Max(Norm(axis), 1e-30);
                    if (!used[world] && value > bestValue)
                    {
                        best = world;
                        bestValue = value;
                    }
                }

                used[best] = true;
                var positive = _m[(best * 4) + axis] >= 0;
                code[axis] = best switch
                {
                    0 => positive ? 'R' : 'L',
                    1 => positive ? 'A' : 'P',
                    _ => positive ? 'S' : 'I',
                };
            }

            return new string(code);
        }
    }

    /// <summary>Copies the 16 values (row-major) into a new array.</summary>
    public double[] ToArray() => (double[])_m.Clone();

    /// <summary>Returns true when every element differs by at most <paramref name="tolerance"/>.</summary>
    public bool ApproximatelyEquals(AffineMatrix other, double tolerance = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < 16; i++)
        {
            if (Math.Abs(_m[i] - other._m[i]) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(AffineMatrix? other) => other is not null && _m.AsSpan().SequenceEqual(other._m);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AffineMatrix);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in _m)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var rows = new string[3];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = string.Join(", ", Enumerable.Range(0, 4).Select(c => _m[(r * 4) + c].ToString("G6", CultureInfo.InvariantCulture)));
        }

        return $"[[{rows[0]}], [{rows[1]}], [{rows[2]}]]";
    }

    private double Norm(int column) =>
        Math.Sqrt((_m[column] * _m[column]) + (_m[4 + column] * _m[4 + column]) + (_m[8 + column] * _m[8 + column]));
}
