using System.Runtime.CompilerServices;

// The record parser stack-allocates its path stacks for every record; they are always written before being read.
[module: SkipLocalsInit]
