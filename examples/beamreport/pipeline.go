package main

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/go-itsm/itsm/report"
)

// The pipeline:
//
//	MatchFiles(each -input) -> Flatten -> ReadMatches
//	  -> readFn            KV<incident key, Entry>, problems
//	  -> GroupByKey        one incident's entries, from any file
//	  -> foldFn            report.Record, problems
//	  -> Combine(ReportFn)                          -> write report.*
//	  -> keyByGroupFn -> CombinePerKey(ReportFn)    -> write <per>-<group>.*
//	problems -> Combine(problemsFn)                 -> write problems.txt

func init() {
	beam.RegisterCoder(reflect.TypeOf((*report.Accumulator)(nil)), encodeAccumulator, decodeAccumulator)
	beam.RegisterCoder(reflect.TypeOf(report.Record{}), encodeRecord, decodeRecord)
	beam.RegisterCoder(reflect.TypeOf(Entry{}), encodeEntry, decodeEntry)
	beam.RegisterCoder(reflect.TypeOf(Rendered{}), encodeRendered, decodeRendered)

	register.DoFn4x1[context.Context, fileio.ReadableFile, func(string, Entry), func(string), error](&readFn{})
	register.DoFn4x1[string, func(*Entry) bool, func(report.Record), func(string), error](&foldFn{})
	register.DoFn1x2[report.Record, string, report.Record](&keyByGroupFn{})
	register.DoFn3x1[context.Context, string, Rendered, error](&writeReportFn{})
	register.DoFn2x1[context.Context, []byte, error](&writeProblemsFn{})
	register.Function1x2(keyOverall)
	register.Combiner3[*report.Accumulator, report.Record, Rendered](&ReportFn{})
	register.Combiner3[[]string, string, []byte](&problemsFn{})
	register.Emitter2[string, Entry]()
	register.Emitter1[string]()
	register.Emitter1[report.Record]()
	register.Iter1[Entry]()
}

// buildPipeline builds the pipeline over the files matching the globs
// inputs (local paths, or any filesystem Beam has registered, such as
// gs://), writing the reports and problems.txt into the directory out.
func buildPipeline(set Settings, inputs []string, out string) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	var matched []beam.PCollection
	for _, in := range inputs {
		matched = append(matched, fileio.MatchFiles(s.Scope("match "+in), in, fileio.MatchEmptyAllow()))
	}
	files := beam.Flatten(s, matched...)
	readable := fileio.ReadMatches(s, files, fileio.ReadUncompressed())
	entries, readProblems := beam.ParDo2(s, &readFn{}, readable)
	byIncident := beam.GroupByKey(s, entries)
	records, foldProblems := beam.ParDo2(s, &foldFn{Settings: set}, byIncident)

	overall := beam.Combine(s.Scope("overall"), &ReportFn{Settings: set}, records)
	beam.ParDo0(s, &writeReportFn{Out: out, Per: set.Per}, beam.ParDo(s, keyOverall, overall))

	byGroup := beam.ParDo(s, &keyByGroupFn{Per: set.Per}, records)
	perGroup := beam.CombinePerKey(s.Scope("per "+set.Per), &ReportFn{Settings: set}, byGroup)
	beam.ParDo0(s, &writeReportFn{Out: out, Per: set.Per}, perGroup)

	problems := beam.Combine(s.Scope("problems"), &problemsFn{}, beam.Flatten(s, readProblems, foldProblems))
	beam.ParDo0(s, &writeProblemsFn{Out: out}, problems)
	return p
}

// readFn reads one input file into keyed entries and problems.
type readFn struct{}

func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(string, Entry), problem func(string)) error {
	rc, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("beamreport: %s: %w", file.Metadata.Path, err)
	}
	defer rc.Close()
	return readFile(file.Metadata.Path, rc,
		func(k Keyed) { emit(k.Key, k.Entry) },
		func(p Problem) { problem(p.String()) })
}

// foldFn folds one incident's entries into its record (desk.foldIncident).
type foldFn struct {
	Settings Settings
	desk     *desk
}

func (f *foldFn) Setup() error {
	var err error
	f.desk, err = newDesk(f.Settings)
	return err
}

func (f *foldFn) ProcessElement(key string, values func(*Entry) bool, emit func(report.Record), problem func(string)) error {
	var entries []Entry
	var e Entry
	for values(&e) {
		entries = append(entries, e)
	}
	rec, ok, problems := f.desk.foldIncident(key, entries)
	for _, p := range problems {
		problem(p.String())
	}
	if ok {
		emit(rec)
	}
	return nil
}

// keyByGroupFn keys each record by its group of the per-group key.
type keyByGroupFn struct{ Per string }

func (f *keyByGroupFn) ProcessElement(r report.Record) (string, report.Record) {
	return groupOf(f.Per, r), r
}

// keyOverall keys the overall report with "", which no group has.
func keyOverall(r Rendered) (string, Rendered) { return "", r }

// writeReportFn writes a rendered report into Out: report.* for the key
// "", <per>-<group>.* for a group. Writing the same bytes again, as a
// retried bundle does, changes nothing.
type writeReportFn struct{ Out, Per string }

func (f *writeReportFn) ProcessElement(ctx context.Context, group string, r Rendered) error {
	return writeRendered(outputCreator(ctx, f.Out), reportName(f.Per, group, group == ""), r)
}

// problemsFn gathers the problems into the sorted text of problems.txt.
type problemsFn struct{}

func (problemsFn) CreateAccumulator() []string              { return nil }
func (problemsFn) AddInput(a []string, p string) []string   { return append(a, p) }
func (problemsFn) MergeAccumulators(a, b []string) []string { return append(a, b...) }
func (problemsFn) ExtractOutput(a []string) []byte          { return problemsText(a) }

// writeProblemsFn writes problems.txt (empty when there are none).
type writeProblemsFn struct{ Out string }

func (f *writeProblemsFn) ProcessElement(ctx context.Context, text []byte) error {
	return writeFile(outputCreator(ctx, f.Out), "problems.txt", text)
}

// outputCreator opens files in the directory out on Beam's filesystem for
// out's scheme (local paths, gs://...).
func outputCreator(ctx context.Context, out string) func(string) (io.WriteCloser, error) {
	return func(name string) (io.WriteCloser, error) {
		full := strings.TrimSuffix(out, "/") + "/" + name
		fs, err := filesystem.New(ctx, full)
		if err != nil {
			return nil, fmt.Errorf("beamreport: %s: %w", full, err)
		}
		w, err := fs.OpenWrite(ctx, full)
		if err != nil {
			fs.Close()
			return nil, fmt.Errorf("beamreport: %s: %w", full, err)
		}
		return closeBoth{w, fs}, nil
	}
}

// closeBoth closes the file, then its filesystem.
type closeBoth struct {
	io.WriteCloser
	fs filesystem.Interface
}

func (c closeBoth) Close() error {
	err := c.WriteCloser.Close()
	if ferr := c.fs.Close(); err == nil {
		err = ferr
	}
	return err
}
