namespace RunLens.Samples.CartPole;

/// <summary>
/// in → tanh hidden → linear out, with its weights in a slice of a shared parameter array so one optimizer and one
/// gradient norm cover every network. Plain loops in a fixed order: results are bit-for-bit reproducible.
/// </summary>
internal sealed class Mlp
{
    private readonly int _in, _hidden, _out;
    private readonly int _w1, _b1, _w2, _b2; // offsets into the parameter array; weights are row-major [out, in]

    public Mlp(int inputs, int hidden, int outputs, int offset)
    {
        (_in, _hidden, _out) = (inputs, hidden, outputs);
        _w1 = offset;
        _b1 = _w1 + hidden * inputs;
        _w2 = _b1 + hidden;
        _b2 = _w2 + outputs * hidden;
        End = _b2 + outputs;
    }

    /// <summary>One past this network's last parameter.</summary>
    public int End { get; }

    public int Hidden => _hidden;

    /// <summary>LeCun-uniform hidden weights, output weights scaled by <paramref name="outputGain"/>, zero biases.</summary>
    public void Initialize(double[] p, ref Prng rng, double outputGain)
    {
        var a1 = Math.Sqrt(3.0 / _in);
        for (var i = 0; i < _hidden * _in; i++)
            p[_w1 + i] = a1 * (2 * rng.NextDouble() - 1);
        var a2 = outputGain * Math.Sqrt(3.0 / _hidden);
        for (var i = 0; i < _out * _hidden; i++)
            p[_w2 + i] = a2 * (2 * rng.NextDouble() - 1);
        Array.Clear(p, _b1, _hidden);
        Array.Clear(p, _b2, _out);
    }

    /// <summary>Writes the hidden activations (after tanh) into <paramref name="h"/> and the outputs into <paramref name="y"/>.</summary>
    public void Forward(double[] p, ReadOnlySpan<double> x, Span<double> h, Span<double> y)
    {
        for (var j = 0; j < _hidden; j++)
        {
            var s = p[_b1 + j];
            var row = _w1 + j * _in;
            for (var i = 0; i < _in; i++)
                s += p[row + i] * x[i];
            h[j] = PortableMath.Tanh(s);
        }
        for (var k = 0; k < _out; k++)
        {
            var s = p[_b2 + k];
            var row = _w2 + k * _hidden;
            for (var j = 0; j < _hidden; j++)
                s += p[row + j] * h[j];
            y[k] = s;
        }
    }

    /// <summary>Adds the gradient for output gradient <paramref name="dy"/> into <paramref name="g"/>; <paramref name="dh"/> is scratch.</summary>
    public void Backward(double[] p, double[] g, ReadOnlySpan<double> x, ReadOnlySpan<double> h, ReadOnlySpan<double> dy, Span<double> dh)
    {
        dh[.._hidden].Clear();
        for (var k = 0; k < _out; k++)
        {
            var d = dy[k];
            g[_b2 + k] += d;
            var row = _w2 + k * _hidden;
            for (var j = 0; j < _hidden; j++)
            {
                g[row + j] += d * h[j];
                dh[j] += d * p[row + j];
            }
        }
        for (var j = 0; j < _hidden; j++)
        {
            var d = dh[j] * (1 - h[j] * h[j]);
            g[_b1 + j] += d;
            var row = _w1 + j * _in;
            for (var i = 0; i < _in; i++)
                g[row + i] += d * x[i];
        }
    }
}
