import sys

try:
    from .cli import cli
except KeyboardInterrupt:  # Ctrl-C while the command is still loading: one line, as once it runs
    sys.stderr.write("rbvgraph: error: interrupted\n")
    sys.exit(130)

if __name__ == "__main__":
    cli(prog_name="rbvgraph")
