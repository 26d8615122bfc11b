/// Renders a ``ShareHistory`` as a standalone SVG line chart: time in seconds on the x axis,
/// dominant share (0–100 %) on the y axis, one coloured line per framework and a legend.
public struct SharesSVG: Sendable {
    /// Width of the picture in pixels.
    public var width: Double = 800
    /// Height of the picture in pixels.
    public var height: Double = 450
    /// The chart's title.
    public var title: String

    /// Line colours, used in turn.
    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

    /// A renderer with a title.
    public init(title: String = "Dominant share per framework") {
        self.title = title
    }

    /// The SVG document; `legend` maps series names to longer legend texts (default: the name).
    public func render(_ history: ShareHistory, legend: [String: String] = [:]) -> String {
        let left = 70.0, right = 190.0, top = 50.0, bottom = 60.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxSeconds = max(history.duration, 1)
        let tickSeconds = Self.niceStep(maxSeconds / 6)
        func x(_ seconds: Double) -> Double { left + seconds / maxSeconds * plotWidth }
        func y(_ share: Double) -> Double { top + (1 - min(max(share, 0), 1)) * plotHeight }

        var svg: [String] = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Self.f(width))" height="\#(Self.f(height))" viewBox="0 0 \#(Self.f(width)) \#(Self.f(height))" font-family="sans-serif" font-size="13">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
            #"<text x="\#(Self.f(left + plotWidth / 2))" y="28" text-anchor="middle" font-size="17" font-weight="bold">\#(Self.escape(title))</text>"#,
        ]
        // Horizontal grid and y labels every 20 %.
        for step in 0...5 {
            let share = Double(step) / 5
            svg.append(#"<line x1="\#(Self.f(left))" y1="\#(Self.f(y(share)))" x2="\#(Self.f(left + plotWidth))" y2="\#(Self.f(y(share)))" stroke="rgb(210,210,210)"/>"#)
            svg.append(#"<text x="\#(Self.f(left - 8))" y="\#(Self.f(y(share) + 4))" text-anchor="end">\#(step * 20) %</text>"#)
        }
        // Vertical ticks and x labels.
        var tick = 0.0
        while tick <= maxSeconds + 1e-9 {
            svg.append(#"<line x1="\#(Self.f(x(tick)))" y1="\#(Self.f(top))" x2="\#(Self.f(x(tick)))" y2="\#(Self.f(top + plotHeight))" stroke="rgb(232,232,232)"/>"#)
            svg.append(#"<text x="\#(Self.f(x(tick)))" y="\#(Self.f(top + plotHeight + 20))" text-anchor="middle">\#(Self.f(tick))</text>"#)
            tick += tickSeconds
        }
        // Axes and their titles.
        svg.append(#"<line x1="\#(Self.f(left))" y1="\#(Self.f(top + plotHeight))" x2="\#(Self.f(left + plotWidth))" y2="\#(Self.f(top + plotHeight))" stroke="black"/>"#)
        svg.append(#"<line x1="\#(Self.f(left))" y1="\#(Self.f(top))" x2="\#(Self.f(left))" y2="\#(Self.f(top + plotHeight))" stroke="black"/>"#)
        svg.append(#"<text x="\#(Self.f(left + plotWidth / 2))" y="\#(Self.f(height - 15))" text-anchor="middle">time (s)</text>"#)
        svg.append(#"<text x="18" y="\#(Self.f(top + plotHeight / 2))" text-anchor="middle" transform="rotate(-90 18 \#(Self.f(top + plotHeight / 2)))">dominant share</text>"#)
        // One line per framework, and the legend.
        for (index, series) in history.series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let points = series.points.map { "\(Self.f(x($0.seconds))),\(Self.f(y($0.share)))" }.joined(separator: " ")
            svg.append(#"<polyline class="series" data-framework="\#(Self.escape(series.name))" fill="none" stroke="\#(colour)" stroke-width="2.5" points="\#(points)"/>"#)
            let legendY = top + 10 + Double(index) * 24
            let legendX = left + plotWidth + 20
            svg.append(#"<line x1="\#(Self.f(legendX))" y1="\#(Self.f(legendY))" x2="\#(Self.f(legendX + 28))" y2="\#(Self.f(legendY))" stroke="\#(colour)" stroke-width="3"/>"#)
            svg.append(#"<text x="\#(Self.f(legendX + 36))" y="\#(Self.f(legendY + 4))">\#(Self.escape(legend[series.name] ?? series.name))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= rough { return factor * magnitude }
        return 10 * magnitude
    }

    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
