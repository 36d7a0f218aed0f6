"""One module per `mugalim <step>`: each defines NAME, HELP, configure(parser) and run(args) -> int."""
