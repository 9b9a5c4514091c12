package main

import (
	"context"
	"flag"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

var benchIncidents = flag.Int("beamreport.incidents", 10000, "incidents the benchmarks generate")

// BenchmarkReport builds the same report over the same generated event log
// (eight shards) on Beam's in-process Prism runner and in one process
// without Beam, both writing the reports. Allocations of the Prism run include Prism's own, since it
// runs in the benchmark's process.
func BenchmarkReport(b *testing.B) {
	in := filepath.Join(b.TempDir(), "in")
	if _, err := generateEvents(in, *benchIncidents, 8, 1); err != nil {
		b.Fatal(err)
	}
	set := testSettings(b)
	globs := []string{filepath.Join(in, "*.jsonl")}
	b.Run("prism", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prism.Execute(context.Background(), buildPipeline(set, globs, b.TempDir())); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchIncidents), "ns/incident")
	})
	b.Run("single-process", func(b *testing.B) {
		b.ReportAllocs()
		files, err := expand(globs)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			reps, err := singleProcess(set, files)
			if err == nil {
				err = writeReports(b.TempDir(), set.Per, reps)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchIncidents), "ns/incident")
	})
}
