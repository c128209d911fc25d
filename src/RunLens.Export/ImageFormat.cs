namespace RunLens;

/// <summary>The file formats a figure can be saved as.</summary>
public enum ImageFormat
{
    /// <summary>Raster, lossless; records its DPI (a pHYs chunk).</summary>
    Png,

    /// <summary>Vector: text stays text (plotly.js's own SVG export).</summary>
    Svg,

    /// <summary>Vector, one page of the figure's size, fonts embedded (Chromium prints the SVG).</summary>
    Pdf,

    /// <summary>Raster, lossy; records its DPI (JFIF density).</summary>
    Jpeg,

    /// <summary>Raster, lossy; WebP has no DPI field.</summary>
    Webp,
}
