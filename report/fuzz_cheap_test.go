package report_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/report"
)

// FuzzRecordAdd is the cheap half of FuzzRecordJSON (issue 20: that one
// builds a report, its JSON and its HTML per input and runs some 16 inputs
// a second). Per input it only decodes, checks and accumulates: any record
// JSON fails to decode with a *FieldError wrapping ErrInvalidRecord, or
// decodes into a record whose JSON reads back equal; Add then refuses it
// with an error wrapping ErrInvalidRecord and leaves no trace (the
// accumulator's encoding is unchanged), or accepts it, and then adding it
// to a second accumulator merged into the first equals adding it twice.
func FuzzRecordAdd(f *testing.F) {
	for _, r := range randomRecords(13, 8) {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","resolutions":["2026-03-01T09:00:00Z"]}`))
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","holds":[{"start":"2026-03-02T10:00:00Z"},{"start":"2026-03-02T11:00:00Z"}]}`))
	f.Add([]byte(`{"id":"x","opened_at":"9999-12-31T23:59:59Z"}`))
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","sla":[{"policy":"p","kind":"ola","metric":"resolve","state":"breached","goal":"-1h","accrued":"1h"}]}`))
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","assignments":[{"at":"2026-03-02T10:00:00Z","team":"desk"}]}`))
	spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Location: time.UTC, Bucket: report.Week, GroupBy: []string{report.KeyPriority, report.KeyGroup}}
	seed := randomRecords(21, 3)
	f.Fuzz(func(t *testing.T, data []byte) {
		var r report.Record
		if err := r.UnmarshalJSON(data); err != nil {
			requireFieldError(t, err, report.ErrInvalidRecord)
			return
		}
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back report.Record
		require.NoError(t, back.UnmarshalJSON(b), "%s", b)
		require.Equal(t, r, back, "a record's JSON reads back equal")

		acc, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		for _, s := range seed {
			require.NoError(t, acc.Add(s))
		}
		before, err := acc.MarshalBinary()
		require.NoError(t, err)
		if err := acc.Add(r); err != nil {
			require.ErrorIs(t, err, report.ErrInvalidRecord)
			after, err := acc.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused record leaves no trace")
			return
		}
		other, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		require.NoError(t, other.Add(r))
		require.NoError(t, acc.Merge(other))
		twice, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		for _, s := range seed {
			require.NoError(t, twice.Add(s))
		}
		require.NoError(t, twice.Add(r))
		require.NoError(t, twice.Add(r))
		got, err := acc.MarshalBinary()
		require.NoError(t, err)
		want, err := twice.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, want, got, "adding a record to a shard and merging it equals adding it")
	})
}

// FuzzMergeShards: up to 19 records split over one to four random shards,
// merged in a random order, report exactly as one pass over them (merge
// is associative and order-independent), whatever the split and the order;
// four shards already merge in every shape (into either side, chains,
// pairs of pairs). Three inputs in four report over the whole period and
// one in four by week: a weekly report and its comparison cost twice a
// whole one's, and the weekly buckets' merge is also
// TestMergeEqualsOnePass's, over 300 records (which is also why an input
// has at most 19 records: 31 cost half as much again, for the same shapes
// of merge). The reports are compared with requireSame, which does not
// allocate as reflect.DeepEqual does.
func FuzzMergeShards(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(40), uint64(7))
	f.Add(uint64(99), uint8(1), uint8(5), uint64(0))
	f.Add(uint64(5), uint8(8), uint8(120), uint64(123456))
	weekly := fullSpec(f)
	whole := weekly
	whole.Bucket = report.Whole
	outages := []report.Window{{Service: "vpn", Start: at(3, 10, 0), End: at(3, 12, 0)}, {Service: "wifi", Start: at(20, 8, 0)}}
	f.Fuzz(func(t *testing.T, seed uint64, shards, n uint8, order uint64) {
		spec := whole
		if seed%4 == 0 {
			spec = weekly
		}
		records := randomRecords(seed, int(n%20))
		one, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		for _, r := range records {
			require.NoError(t, one.Add(r))
		}
		for _, o := range outages {
			require.NoError(t, one.AddOutage(o))
		}
		want := one.Report()

		rng := rand.New(rand.NewPCG(seed, order))
		pool := make([]*report.Accumulator, 1+int(shards%4))
		for i := range pool {
			pool[i], err = report.NewAccumulator(spec)
			require.NoError(t, err)
		}
		for _, i := range rng.Perm(len(records)) {
			require.NoError(t, pool[rng.IntN(len(pool))].Add(records[i]))
		}
		for _, o := range outages {
			require.NoError(t, pool[rng.IntN(len(pool))].AddOutage(o))
		}
		for len(pool) > 1 {
			i, j := rng.IntN(len(pool)), rng.IntN(len(pool)-1)
			if j >= i {
				j++
			}
			require.NoError(t, pool[i].Merge(pool[j]))
			pool = append(pool[:j], pool[j+1:]...)
		}
		requireSame(t, want, pool[0].Report())
	})
}

// requireFieldError checks that err wraps sentinel and is a *FieldError
// whose message starts with "report: ".
func requireFieldError(t *testing.T, err, sentinel error) {
	t.Helper()
	require.ErrorIs(t, err, sentinel, "%v", err)
	var fe *report.FieldError
	require.ErrorAs(t, err, &fe, "%v", err)
	require.Regexp(t, `^report: `, err.Error())
}

// FuzzAccumulatorBinary is the cheap half of FuzzAccumulatorUnmarshalBinary
// (which reports and renders every accumulator it decodes, and ran some 2
// inputs a second): any bytes fail to decode with an error wrapping
// ErrInvalidEncoding or ErrIncompatible, or decode into an accumulator
// whose encoding decodes again to the same encoding (lossless).
func FuzzAccumulatorBinary(f *testing.F) {
	spec := fullSpec(f)
	spec.Bucket = report.Whole
	acc, err := report.NewAccumulator(spec)
	require.NoError(f, err)
	for _, r := range randomRecords(21, 6) {
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
			require.True(t, errors.Is(err, report.ErrInvalidEncoding) || errors.Is(err, report.ErrIncompatible), "%v", err)
			return
		}
		again, err := a.MarshalBinary()
		require.NoError(t, err)
		var b report.Accumulator
		require.NoError(t, b.UnmarshalBinary(again))
		third, err := b.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, again, third, "an encoding decodes to the same encoding")
	})
}
