package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Accumulators merged only within one process: a distributed combiner
// (DESIGN, principle 7) needs to move them. Shards encoded with
// MarshalBinary, decoded elsewhere and merged give the report of one
// pass, exactly, as merging in process does.
func TestAccumulatorBinaryMerge(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			spec := fullSpec(t)
			records := randomRecords(seed, 300)
			outages := []report.Window{{Service: "vpn", Start: at(3, 10, 0), End: at(3, 12, 0)}, {Service: "wifi", Start: at(20, 8, 0)}}
			want := aggregate(t, spec, records, outages).Report()

			rng := rand.New(rand.NewPCG(seed, 5))
			shards := make([]*report.Accumulator, 2+rng.IntN(4))
			for i := range shards {
				var err error
				shards[i], err = report.NewAccumulator(spec)
				require.NoError(t, err)
			}
			for _, r := range records {
				require.NoError(t, shards[rng.IntN(len(shards))].Add(r))
			}
			for _, o := range outages {
				require.NoError(t, shards[rng.IntN(len(shards))].AddOutage(o))
			}
			// The combiner: decode each shard (into a zero Accumulator or
			// one built from the spec) and merge.
			var combined *report.Accumulator
			for i, s := range shards {
				data, err := s.MarshalBinary()
				require.NoError(t, err)
				again, err := s.MarshalBinary()
				require.NoError(t, err)
				require.Equal(t, data, again, "deterministic")
				var back *report.Accumulator
				if i%2 == 0 {
					back = &report.Accumulator{}
				} else {
					back, err = report.NewAccumulator(spec)
					require.NoError(t, err)
				}
				require.NoError(t, back.UnmarshalBinary(data))
				require.Equal(t, s.Report(), back.Report(), "a decoded shard reports as the original")
				reencoded, err := back.MarshalBinary()
				require.NoError(t, err)
				require.Equal(t, data, reencoded)
				if combined == nil {
					combined = back
				} else {
					require.NoError(t, combined.Merge(back))
				}
			}
			require.Equal(t, want, combined.Report())
			// Merging the decoded whole into a shard works too.
			data, err := combined.MarshalBinary()
			require.NoError(t, err)
			var whole report.Accumulator
			require.NoError(t, whole.UnmarshalBinary(data))
			require.Equal(t, want, whole.Report())
		})
	}
}

func TestAccumulatorBinaryErrors(t *testing.T) {
	spec := march()
	acc, err := report.NewAccumulator(spec)
	require.NoError(t, err)
	require.NoError(t, acc.Add(report.Record{ID: "a", Service: "mail", OpenedAt: at(2, 9, 0), Resolutions: times(at(2, 10, 0))}))
	data, err := acc.MarshalBinary()
	require.NoError(t, err)

	var zero report.Accumulator
	_, err = zero.MarshalBinary()
	require.ErrorIs(t, err, report.ErrInvalidSpec, "the zero Accumulator has nothing to encode")

	other := spec
	other.Bucket = report.Day
	b, err := report.NewAccumulator(other)
	require.NoError(t, err)
	before := b.Report()
	require.ErrorIs(t, b.UnmarshalBinary(data), report.ErrIncompatible)
	assert.Equal(t, before, b.Report(), "a failed decoding changes nothing")

	keyed := func() *report.Accumulator {
		k, err := report.NewAccumulator(spec, report.WithKey("tier", func(report.Record) string { return "gold" }))
		require.NoError(t, err)
		return k
	}
	require.ErrorIs(t, keyed().UnmarshalBinary(data), report.ErrIncompatible, "other keys")
	k := keyed()
	require.NoError(t, k.Add(report.Record{ID: "a", OpenedAt: at(2, 9, 0)}))
	withKey, err := k.MarshalBinary()
	require.NoError(t, err)
	require.ErrorIs(t, new(report.Accumulator).UnmarshalBinary(withKey), report.ErrIncompatible, "key functions do not travel")
	back := keyed()
	require.NoError(t, back.UnmarshalBinary(withKey))
	assert.Equal(t, k.Report(), back.Report())

	for i := 0; i < len(data); i++ {
		var a report.Accumulator
		err := a.UnmarshalBinary(data[:i])
		require.ErrorIs(t, err, report.ErrInvalidEncoding, "truncated at %d", i)
	}
	require.ErrorIs(t, new(report.Accumulator).UnmarshalBinary(append(bytes.Clone(data), 0)), report.ErrInvalidEncoding, "trailing bytes")

	fixed := spec
	fixed.Location = time.FixedZone("X", 3600)
	f, err := report.NewAccumulator(fixed)
	require.NoError(t, err)
	_, err = f.MarshalBinary()
	require.ErrorIs(t, err, report.ErrInvalidSpec, "a zone without an IANA name cannot travel")
}

// Any bytes decode into an accumulator that reports and renders, or fail
// with an error: never a panic, never an allocation beyond the data.
func FuzzAccumulatorUnmarshalBinary(f *testing.F) {
	spec := fullSpec(f)
	acc, err := report.NewAccumulator(spec)
	require.NoError(f, err)
	for _, r := range randomRecords(21, 40) {
		require.NoError(f, acc.Add(r))
	}
	require.NoError(f, acc.AddOutage(report.Window{Service: "vpn", Start: at(3, 10, 0)}))
	data, err := acc.MarshalBinary()
	require.NoError(f, err)
	f.Add(data)
	small, err := report.NewAccumulator(march())
	require.NoError(f, err)
	require.NoError(f, small.Add(report.Record{ID: "a", Service: "mail", OpenedAt: at(2, 9, 0)}))
	data, err = small.MarshalBinary()
	require.NoError(f, err)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		var a report.Accumulator
		if err := a.UnmarshalBinary(data); err != nil {
			return
		}
		var b bytes.Buffer
		rep := a.Report()
		require.NoError(t, rep.WriteText(&b))
		require.NoError(t, rep.WriteHTML(&b))
		again, err := a.MarshalBinary()
		require.NoError(t, err)
		var c report.Accumulator
		require.NoError(t, c.UnmarshalBinary(again))
	})
}

// A byte of an encoding, changed, gives an error or an accumulator that
// reports: the decoder checks every count and index. Every part of the
// encoding (magic, spec, keys, strings, SLA keys, each grouping's values,
// buckets, durations, SLA counts, backlog and aging, the cells' samples,
// the breaches, breach groups, outages and recurrence log) has its first
// and last byte changed and a few more chosen with a fixed seed, and so
// have bytes anywhere: changing every byte of the encoding, as this test
// did, took seconds under -race and found nothing more.
func TestAccumulatorBinaryCorruption(t *testing.T) {
	spec := march() // no calendar: its JSON would make most changes mere JSON errors
	spec.Bucket, spec.GroupBy = report.Week, []string{report.KeyPriority, report.KeyService}
	spec.Recurring.Threshold = 2
	spec.Availability.Target = 0.99
	acc, err := report.NewAccumulator(spec)
	require.NoError(t, err)
	for _, r := range randomRecords(8, 6) {
		require.NoError(t, acc.Add(r))
	}
	require.NoError(t, acc.AddOutage(report.Window{Service: "vpn", Start: at(3, 10, 0), End: at(3, 11, 0)}))
	data, starts, names, err := report.BinaryParts(acc)
	require.NoError(t, err)
	plain, err := acc.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, plain, data, "marking the parts changes nothing")

	// The positions of each kind of part.
	parts := map[string][]int{}
	for i, name := range names {
		end := len(data)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		require.Less(t, starts[i], end, "part %d (%s) is empty", i, name)
		for p := starts[i]; p < end; p++ {
			parts[name] = append(parts[name], p)
		}
	}
	for _, name := range []string{"magic", "spec", "custom keys", "strings", "seen", "sla keys", "grouping values",
		"group buckets", "group bucket", "bucket durations", "bucket sla", "group backlog", "group aging",
		"cells", "cell samples", "breach count", "breaches", "breach groups", "outages", "recurrence log"} {
		require.NotEmpty(t, parts[name], "the data has no %s", name)
	}
	// The encoding is representative: the lists hold something.
	for _, name := range []string{"strings", "sla keys", "breaches", "breach groups", "outages", "recurrence log"} {
		require.Greater(t, len(parts[name]), 1, "the %s are empty", name)
	}

	rng := rand.New(rand.NewPCG(13, 8))
	chosen := map[int]bool{}
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		ps := parts[name]
		chosen[ps[0]], chosen[ps[len(ps)-1]] = true, true
		for k := 0; k < 6; k++ {
			chosen[ps[rng.IntN(len(ps))]] = true
		}
	}
	for k := 0; k < 64; k++ {
		chosen[rng.IntN(len(data))] = true
	}
	decoded := 0
	for _, i := range slices.Sorted(maps.Keys(chosen)) {
		for _, x := range []byte{0x01, 0x80} {
			bad := bytes.Clone(data)
			bad[i] ^= x
			var a report.Accumulator
			if err := a.UnmarshalBinary(bad); err != nil {
				if !errors.Is(err, report.ErrIncompatible) { // a change to the custom keys
					require.ErrorIs(t, err, report.ErrInvalidEncoding, "byte %d ^ %#x", i, x)
				}
				continue
			}
			decoded++
			_ = a.Report()
		}
	}
	t.Logf("%d of %d bytes changed, %d decodings succeeded", len(chosen), len(data), decoded)
	assert.Positive(t, decoded, "some changes still decode (counts, instants)")
}
