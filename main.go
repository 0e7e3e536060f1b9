// Command sfnctl validates, simulates, draws and costs AWS Step Functions state machines.
package main

import (
	"os"

	"github.com/sfnctl/sfnctl/cmd"
)

func main() { os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
