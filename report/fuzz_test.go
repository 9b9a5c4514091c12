package report_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/require"
)

// Any spec JSON either fails with an error or gives an accumulator that
// reports and renders; a valid spec round-trips.
func FuzzSpecJSON(f *testing.F) {
	f.Add([]byte(`{"from":"2026-03-01T00:00:00+01:00","to":"2026-04-01T00:00:00+02:00","zone":"Europe/Amsterdam","bucket":"week","group_by":["priority","service"]}`))
	f.Add([]byte(`{"from":"2026-03-01T00:00:00Z","to":"2026-03-02T00:00:00Z","zone":"UTC","bucket":"day","kpis":["sla","recurring"],"recurring":{"threshold":2,"window":"PT1H","by":["configuration_item"]}}`))
	f.Add([]byte(`{"from":"2026-01-01T00:00:00Z","to":"2027-01-01T00:00:00Z","zone":"UTC","bucket":"month","calendar":{"location":"UTC","week":"Mon-Fri 09:00-17:00"},"availability":{"target":0.999,"maintenance":[{"start":"2026-02-01T00:00:00Z","end":"2026-02-01T04:00:00Z"}]}}`))
	f.Add([]byte(`{"from":"2026-03-01T00:00:00Z","to":"2026-03-01T00:00:00Z","zone":"UTC"}`))
	f.Add([]byte(`{"zone":"Mars/Olympus"}`))
	f.Add([]byte(`null`))
	records := randomRecords(11, 30)
	f.Fuzz(func(t *testing.T, data []byte) {
		var spec report.Spec
		if err := json.Unmarshal(data, &spec); err != nil {
			return
		}
		acc, err := report.NewAccumulator(spec)
		if err != nil {
			require.ErrorIs(t, err, report.ErrInvalidSpec)
			return
		}
		for _, r := range records {
			_ = acc.Add(r)
		}
		rep := acc.Report()
		var b bytes.Buffer
		require.NoError(t, rep.WriteText(&b))
		require.NoError(t, rep.WriteCSV(&b))
		require.NoError(t, rep.WriteHTML(&b))
		data2, err := json.Marshal(acc.Spec())
		if err != nil {
			return // a calendar of the host's own kind cannot be written
		}
		var back report.Spec
		require.NoError(t, json.Unmarshal(data2, &back))
		again, err := report.NewAccumulator(back)
		require.NoError(t, err)
		require.NoError(t, again.Merge(acc), "a spec read back describes the same report")
	})
}

// Any record JSON either fails to decode, is rejected by Add with a
// RecordError, or is accumulated; a report over it round-trips.
func FuzzRecordJSON(f *testing.F) {
	for _, r := range randomRecords(13, 8) {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","resolutions":["2026-03-01T09:00:00Z"]}`))
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","holds":[{"start":"2026-03-02T10:00:00Z"},{"start":"2026-03-02T11:00:00Z"}]}`))
	f.Add([]byte(`{"id":"x","opened_at":"9999-12-31T23:59:59Z"}`))
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","sla":[{"policy":"p","kind":"ola","metric":"resolve","state":"breached","goal":"-1h","accrued":"1h"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r report.Record
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Location: time.UTC, Bucket: report.Week, GroupBy: []string{report.KeyPriority, report.KeyGroup}}
		acc, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		if err := acc.Add(r); err != nil {
			require.ErrorIs(t, err, report.ErrInvalidRecord)
			return
		}
		rep := acc.Report()
		b, err := json.Marshal(rep)
		require.NoError(t, err)
		var back report.Report
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, rep, back)
		var out bytes.Buffer
		require.NoError(t, rep.WriteText(&out))
		require.NoError(t, rep.WriteHTML(&out))
	})
}
