@testable import DeskUI
import Testing

// Nearest colours for 256-, 16- and 8-colour terminals, and no colour at all.
@Suite struct ColorMapperTests {
    @Test func rgbGoesToTheCubeOrTheGreyRamp() {
        let mapper = ColorMapper(colorCount: 256)
        #expect(mapper.index(for: .rgb(red: 255, green: 0, blue: 0)) == 196)
        #expect(mapper.index(for: .rgb(red: 0x5F, green: 0xAF, blue: 0xD7)) == 74)
        #expect(mapper.index(for: .rgb(red: 128, green: 128, blue: 128)) == 244)
        #expect(mapper.index(for: .rgb(red: 0x26, green: 0x26, blue: 0x26)) == 235)
        #expect(mapper.index(for: .indexed(33)) == 33)
    }

    @Test func sixteenAndEightColoursTakeTheNearestANSIColour() {
        let sixteen = ColorMapper(colorCount: 16)
        let eight = ColorMapper(colorCount: 8)
        #expect(sixteen.index(for: .rgb(red: 255, green: 0, blue: 0)) == 9)
        #expect(eight.index(for: .rgb(red: 255, green: 0, blue: 0)) == 1)
        #expect(sixteen.index(for: .indexed(196)) == 9)
        #expect(eight.index(for: .indexed(21)) == 4)
        #expect(eight.index(for: .ansi(9)) == 1)
        #expect(sixteen.index(for: .ansi(9)) == 9)
        #expect(eight.index(for: .rgb(red: 0x26, green: 0x26, blue: 0x26)) == 0)
    }

    @Test func defaultStaysDefaultAndNoColourMeansNone() {
        #expect(ColorMapper(colorCount: 256).index(for: .terminalDefault) == -1)
        #expect(ColorMapper(colorCount: 0).index(for: .ansi(1)) == -1)
        #expect(ColorMapper(colorCount: 2).index(for: .rgb(red: 1, green: 2, blue: 3)) == -1)
    }

    @Test func colourNamesParse() {
        #expect(ThemeColor(parsing: "red") == .ansi(1))
        #expect(ThemeColor(parsing: "bright_black") == .ansi(8))
        #expect(ThemeColor(parsing: "#5FAFD7") == .rgb(red: 0x5F, green: 0xAF, blue: 0xD7))
        #expect(ThemeColor(parsing: "200") == .indexed(200))
        #expect(ThemeColor(parsing: "12") == .ansi(12))
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "256") == nil)
        #expect(ThemeColor(parsing: "#12345") == nil)
        #expect(ThemeColor(parsing: "reddish") == nil)
    }
}
