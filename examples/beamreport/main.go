// Command beamreport builds the SDK's KPI report on Apache Beam: it reads
// incident event logs and ServiceNow exports, groups the lines by
// incident, folds each incident with the SDK (SLA evaluation on the
// incident's own contract calendar, then its report record) and combines
// the records with a CombineFn built on report.Accumulator, into one
// report overall and one per customer (or -per key), as text, JSON and
// HTML.
//
//	cd examples/beamreport && go run . -out /tmp/beamreport
//
// runs on Beam's in-process runner, Prism, over generated data (2,000
// incidents as event logs split into four files) and the ServiceNow
// sample export, then builds the same report in one process without Beam
// and checks that the JSON is identical, byte for byte. -input reads your
// files instead; README.md shows the flags of other runners.
//
// Inputs are told apart by extension: .jsonl/.ndjson/.json are event logs
// as examples/slaservice writes them ({"incident": ..., "event": {...}}
// per line), .csv are ServiceNow exports as examples/snowreport reads
// them. An incident's lines may be spread over any number of files: they
// are ordered by instant, then sys_mod_count, then file name and line, so
// a log split into shards should name them in log order.
//
// Written into -out: report.{txt,json,html} (overall), <per>-<group>.{txt,
// json,html} per group, and problems.txt: the lines and incidents left
// out (malformed lines, histories that do not replay), one per line.
//
// Exit status: 0 when the reports were written (and, with -check, match
// the single-process ones), 1 on a failure or a mismatch, 2 for a usage
// error.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // the workers of a remote runner may have no zone database

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/go-itsm/itsm/report"
)

//go:embed testdata/servicenow-export.csv
var sampleExport []byte

// inputList is a repeatable -input flag.
type inputList []string

func (l *inputList) String() string     { return strings.Join(*l, ",") }
func (l *inputList) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var inputs inputList
	flag.Var(&inputs, "input", "input files, a glob (repeatable): .jsonl event logs, .csv ServiceNow exports; default: generated data and the sample export")
	out := flag.String("out", "beamreport-out", "directory the reports are written to (a local path, or gs://... on Dataflow)")
	generate := flag.Int("generate", 2000, "without -input: how many incidents to generate")
	shards := flag.Int("shards", 4, "without -input: how many files the generated event log is split into")
	seed := flag.Uint64("seed", 1, "without -input: the generator's seed")
	from := flag.String("from", "2026-01-01", "first day of the report's period (Europe/Amsterdam)")
	to := flag.String("to", "2027-01-01", "day after the period")
	asOf := flag.String("as-of", "", "RFC 3339 instant the incidents are evaluated at (default: the end of the period)")
	per := flag.String("per", "customer", "key of the per-group reports: "+strings.Join(perKeys, ", "))
	check := flag.Bool("check", true, "also build the report in one process without Beam and compare (local -out only)")
	single := flag.Bool("single", false, "build the reports in one process, without Beam")
	flag.Parse()
	beam.Init()
	os.Exit(run(context.Background(), options{inputs: inputs, out: *out, generate: *generate, shards: *shards, seed: *seed,
		from: *from, to: *to, asOf: *asOf, per: *per, check: *check, single: *single}, os.Stdout, os.Stderr))
}

type options struct {
	inputs              []string
	out                 string
	generate, shards    int
	seed                uint64
	from, to, asOf, per string
	check, single       bool
}

// run is the command; it returns the exit status.
func run(ctx context.Context, o options, stdout, stderr io.Writer) int {
	fail := func(status int, err error) int {
		fmt.Fprintln(stderr, "beamreport:", strings.TrimPrefix(err.Error(), "beamreport: "))
		return status
	}
	set, err := settings(o.from, o.to, o.asOf, o.per)
	if err != nil {
		return fail(2, err)
	}
	local := !strings.Contains(o.out, "://")
	inputs := o.inputs
	if len(inputs) == 0 {
		if !local {
			return fail(2, errors.New("generated data needs a local -out; give -input"))
		}
		if inputs, err = generateInputs(o, stderr); err != nil {
			return fail(1, err)
		}
	}
	if local {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return fail(1, err)
		}
	}
	start := time.Now()
	if o.single {
		reps, err := readSingle(set, inputs)
		if err == nil {
			err = writeReports(o.out, set.Per, reps)
		}
		if err != nil {
			return fail(1, err)
		}
		fmt.Fprintf(stderr, "single process: %d groups, %d problems, in %v\n", len(reps.Groups), len(reps.Problems), time.Since(start).Round(time.Millisecond))
	} else {
		if err := beamx.Run(ctx, buildPipeline(set, inputs, o.out)); err != nil {
			return fail(1, err)
		}
		fmt.Fprintf(stderr, "pipeline done in %v\n", time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintf(stdout, "reports written to %s\n", o.out)
	if o.single || !o.check || !local {
		return 0
	}
	if err := check(set, inputs, o.out, stdout); err != nil {
		return fail(1, err)
	}
	return 0
}

// generateInputs writes o.generate generated incidents into o.shards files
// and the sample ServiceNow export under o.out, and returns their paths.
func generateInputs(o options, stderr io.Writer) ([]string, error) {
	dir := filepath.Join(o.out, "input")
	start := time.Now()
	files, err := generateEvents(dir, o.generate, o.shards, o.seed)
	if err != nil {
		return nil, err
	}
	sample := filepath.Join(dir, "servicenow-export.csv")
	if err := os.WriteFile(sample, sampleExport, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "generated %d incidents into %d files and the sample export in %s (%v)\n",
		o.generate, o.shards, dir, time.Since(start).Round(time.Millisecond))
	return append(files, sample), nil
}

// readSingle reads the inputs (files, directories or patterns) and makes
// the reports in this process.
func readSingle(set Settings, inputs []string) (Reports, error) {
	files, err := expand(inputs)
	if err != nil {
		return Reports{}, err
	}
	return singleProcess(set, files)
}

// check makes the reports again in this process and compares them with
// what the pipeline wrote to out, byte for byte.
func check(set Settings, inputs []string, out string, stdout io.Writer) error {
	reps, err := readSingle(set, inputs)
	if err != nil {
		return err
	}
	diffs, err := compareWritten(out, set.Per, reps)
	if err != nil {
		return err
	}
	if len(diffs) > 0 {
		return fmt.Errorf("the pipeline's reports differ from the single-process ones: %s", strings.Join(diffs, "; "))
	}
	fmt.Fprintf(stdout, "checked: the overall report and %d %s reports are identical (JSON, byte for byte) to the single-process ones; %d problems\n",
		len(reps.Groups), set.Per, len(reps.Problems))
	return nil
}

// settings reads the period, the evaluation instant and the per-group key.
func settings(from, to, asOf, per string) (Settings, error) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return Settings{}, err
	}
	var s Settings
	if s.From, err = time.ParseInLocation(time.DateOnly, from, ams); err != nil {
		return Settings{}, fmt.Errorf("-from: %w", err)
	}
	if s.To, err = time.ParseInLocation(time.DateOnly, to, ams); err != nil {
		return Settings{}, fmt.Errorf("-to: %w", err)
	}
	if !s.From.Before(s.To) {
		return Settings{}, fmt.Errorf("-from %s is not before -to %s", from, to)
	}
	s.AsOf = s.To
	if asOf != "" {
		if s.AsOf, err = time.Parse(time.RFC3339, asOf); err != nil {
			return Settings{}, fmt.Errorf("-as-of: %w", err)
		}
	}
	if !slices.Contains(perKeys, per) {
		return Settings{}, fmt.Errorf("unknown -per %q: use one of %s", per, strings.Join(perKeys, ", "))
	}
	s.Per = per
	return s, nil
}

// expand turns the globs into the sorted list of files they match, as
// Beam's MatchFiles does; a glob that matches nothing is no file.
func expand(globs []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	for _, g := range globs {
		m, err := filepath.Glob(g)
		if err != nil {
			return nil, fmt.Errorf("beamreport: -input %q: %w", g, err)
		}
		for _, f := range m {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	sort.Strings(files)
	return files, nil
}

// writeReports writes the single-process reports as the pipeline does.
func writeReports(out, per string, reps Reports) error {
	create := func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(out, name)) }
	r, err := render(reps.Overall)
	if err != nil {
		return err
	}
	if err := writeRendered(create, reportName(per, "", true), r); err != nil {
		return err
	}
	for g, rep := range reps.Groups {
		if r, err = render(rep); err != nil {
			return err
		}
		if err := writeRendered(create, reportName(per, g, false), r); err != nil {
			return err
		}
	}
	return writeFile(create, "problems.txt", problemsText(reps.Problems))
}

// compareWritten compares the JSON reports and the problems the pipeline
// wrote into out with reps, and lists the differences. Group reports in
// out that reps does not have are differences too.
func compareWritten(out, per string, reps Reports) ([]string, error) {
	var diffs []string
	want := map[string][]byte{}
	add := func(name string, rep report.Report) error {
		r, err := render(rep)
		want[name] = r.JSON
		return err
	}
	if err := add(reportName(per, "", true)+".json", reps.Overall); err != nil {
		return nil, err
	}
	for g, rep := range reps.Groups {
		if err := add(reportName(per, g, false)+".json", rep); err != nil {
			return nil, err
		}
	}
	want["problems.txt"] = problemsText(reps.Problems)
	got, err := filepath.Glob(filepath.Join(out, per+"-*.json"))
	if err != nil {
		return nil, err
	}
	for _, g := range got {
		if _, ok := want[filepath.Base(g)]; !ok {
			diffs = append(diffs, filepath.Base(g)+" is not in the single-process run (left from an earlier run?)")
		}
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			diffs = append(diffs, err.Error())
			continue
		}
		if !bytes.Equal(b, want[n]) {
			diffs = append(diffs, n+" differs")
		}
	}
	return diffs, nil
}
