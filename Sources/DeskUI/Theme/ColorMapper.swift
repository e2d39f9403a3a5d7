// Maps theme colours to the colour numbers a terminal with 256, 16 or 8 colours has: the nearest one.
struct ColorMapper: Sendable {
    // The terminal's colour count (`COLORS`); fewer than 8 means no colour.
    let colorCount: Int

    // The standard xterm values of the 16 ANSI colours.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    // The colour number to give `init_pair`, or -1 for the terminal's default.
    func index(for color: ThemeColor) -> Int {
        guard colorCount >= 8 else { return -1 }
        switch color {
        case .terminalDefault:
            return -1
        case .ansi(let index):
            return colorCount >= 16 ? index : index % 8
        case .indexed(let index):
            if colorCount >= 256 { return index }
            let (r, g, b) = Self.rgb(ofXterm: index)
            return nearestANSI(r, g, b)
        case .rgb(let r, let g, let b):
            if colorCount >= 256 { return Self.nearestXterm256(r, g, b) }
            return nearestANSI(r, g, b)
        }
    }

    // Nearest of the 6×6×6 cube (16–231) and the grey ramp (232–255).
    static func nearestXterm256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }!
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((r, g, b), (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi]))
        let average = (r + g + b) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let greyValue = 8 + 10 * greyStep
        let greyDistance = distance((r, g, b), (greyValue, greyValue, greyValue))
        return greyDistance < cubeDistance ? 232 + greyStep : cube
    }

    // The RGB value xterm gives colour `index`.
    static func rgb(ofXterm index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return ansiRGB[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let v = 8 + 10 * (min(255, index) - 232)
            return (v, v, v)
        }
    }

    private func nearestANSI(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let candidates = colorCount >= 16 ? 16 : 8
        return (0..<candidates).min { Self.distance((r, g, b), Self.ansiRGB[$0]) < Self.distance((r, g, b), Self.ansiRGB[$1]) }!
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
