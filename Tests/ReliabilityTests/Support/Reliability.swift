import Testing

/// Every reliability test (docs/RELIABILITY.md), one at a time: run together they load two cores enough to upset the
/// timing-sensitive suites that run beside them. Counts grow with `GDESK_TORTURE=1` (scripts/torture).
@Suite(.serialized) enum Reliability {}
