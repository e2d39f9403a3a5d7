/// Lets global options come before the subcommand (`gdesk --config X cancel …`) as well as after it:
/// the options in front of the first subcommand name are moved behind it.
enum ArgumentOrder {
    /// Options that take a value as the next argument.
    static let valued: Set<String> = ["--config", "--history", "--theme"]

    static func subcommandFirst(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if subcommands.contains(argument) {
                return [argument] + leading + arguments[(index + 1)...]
            }
            guard argument.hasPrefix("-"), argument != "--" else { break }
            leading.append(argument)
            if valued.contains(argument), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        return arguments
    }
}
