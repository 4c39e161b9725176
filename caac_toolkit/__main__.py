from caac_toolkit.cli import main

main()
