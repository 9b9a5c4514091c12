// Command snowgen writes a synthetic ServiceNow audit export (see
// snowreport.Generate) to standard output or to -o; with -inorder, each
// incident's rows together and in time order (snowreport.GenerateInOrder).
//
//	go run ./snowreport/cmd/snowgen -rows 1400000 -o /tmp/snow-1.4M.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/go-itsm/itsm/bench/snowreport"
)

func main() {
	rows := flag.Int("rows", 140000, "about how many rows to write")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file (default standard output)")
	inOrder := flag.Bool("inorder", false, "each incident's rows together and in time order (default: 500 incidents' rows at a time shuffled)")
	flag.Parse()
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "snowgen:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	gen := snowreport.Generate
	if *inOrder {
		gen = snowreport.GenerateInOrder
	}
	n, incidents, err := gen(w, *rows, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "snowgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "snowgen: %d rows, %d incidents\n", n, incidents)
}
