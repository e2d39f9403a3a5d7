// SimulatedExchange
