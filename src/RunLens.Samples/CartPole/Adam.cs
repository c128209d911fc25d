namespace RunLens.Samples.CartPole;

/// <summary>Adam (Kingma and Ba) with bias correction, written out so every step is plain double arithmetic.</summary>
internal sealed class Adam(int size, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-5)
{
    private readonly double[] _m = new double[size];
    private readonly double[] _v = new double[size];
    private double _beta1Power = 1, _beta2Power = 1;

    public void Step(double[] p, double[] g, double learningRate)
    {
        _beta1Power *= beta1;
        _beta2Power *= beta2;
        var c1 = 1 - _beta1Power;
        var c2 = 1 - _beta2Power;
        for (var i = 0; i < p.Length; i++)
        {
            _m[i] = beta1 * _m[i] + (1 - beta1) * g[i];
            _v[i] = beta2 * _v[i] + (1 - beta2) * g[i] * g[i];
            var mHat = _m[i] / c1;
            var vHat = _v[i] / c2;
            p[i] -= learningRate * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }
}
