using System.Runtime.CompilerServices;

namespace RunLens.Scanning;

internal sealed partial class CurveSketch
{
    /// <summary>
    /// One bucket's exact state. First and last are decided by (step, order), where order packs the file's key and
    /// the record's position in it, so ties resolve the same way whichever thread saw them first.
    /// </summary>
    private struct Bucket
    {
        public long Count;
        public long NonFinite;
        public double Sum;
        public double StepSum;
        public double Min;
        public double Max;
        public long FirstStep;
        public long LastStep;
        public double First;
        public double Last;
        public ulong FirstOrder;
        public ulong LastOrder;

        public readonly bool IsEmpty => Count == 0 && NonFinite == 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long step, double value, ulong order)
        {
            if (Count == 0)
            {
                Min = Max = First = Last = value;
                FirstStep = LastStep = step;
                FirstOrder = LastOrder = order;
            }
            else
            {
                if (value < Min)
                    Min = value;
                if (value > Max)
                    Max = value;
                if (step < FirstStep || step == FirstStep && order < FirstOrder)
                {
                    FirstStep = step;
                    First = value;
                    FirstOrder = order;
                }
                if (step > LastStep || step == LastStep && order > LastOrder)
                {
                    LastStep = step;
                    Last = value;
                    LastOrder = order;
                }
            }
            Count++;
            Sum += value;
            StepSum += step;
        }

        public void Merge(in Bucket other)
        {
            NonFinite += other.NonFinite;
            if (other.Count == 0)
                return;
            if (Count == 0)
            {
                var nonFinite = NonFinite;
                this = other;
                NonFinite = nonFinite;
                return;
            }
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
            if (other.FirstStep < FirstStep || other.FirstStep == FirstStep && other.FirstOrder < FirstOrder)
            {
                FirstStep = other.FirstStep;
                First = other.First;
                FirstOrder = other.FirstOrder;
            }
            if (other.LastStep > LastStep || other.LastStep == LastStep && other.LastOrder > LastOrder)
            {
                LastStep = other.LastStep;
                Last = other.Last;
                LastOrder = other.LastOrder;
            }
            Count += other.Count;
            Sum += other.Sum;
            StepSum += other.StepSum;
        }

        public readonly StepBucket ToStepBucket(long start, long end) =>
            new(start, end, Count, NonFinite, Count == 0 ? start + (end - start - 1) / 2.0 : StepSum / Count,
                Sum, Count == 0 ? double.NaN : Min, Count == 0 ? double.NaN : Max,
                FirstStep, Count == 0 ? double.NaN : First, LastStep, Count == 0 ? double.NaN : Last);
    }
}
