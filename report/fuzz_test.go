package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
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
	f.Add([]byte(`{"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z","zone":"UTC","bucket":"week","groupby":["service"]}`))
	f.Add([]byte(`{"kpis":["counts","mttr"],"recurring":{"window":"7 days"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var spec report.Spec
		if err := decodes(t, data, &spec, report.ErrInvalidSpec); err != nil {
			return
		}
		acc, err := report.NewAccumulator(spec)
		if err != nil {
			require.ErrorIs(t, err, report.ErrInvalidSpec)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
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
	f.Add([]byte(`{"id":"x","opened_at":"2026-03-02T09:00:00Z","assignments":[{"at":"2026-03-02T10:00:00Z","team":"desk"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r report.Record
		if err := decodes(t, data, &r, report.ErrInvalidRecord); err != nil {
			return
		}
		spec := report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Location: time.UTC, Bucket: report.Week, GroupBy: []string{report.KeyPriority, report.KeyGroup}}
		acc, err := report.NewAccumulator(spec)
		require.NoError(t, err)
		if err := acc.Add(r); err != nil {
			require.ErrorIs(t, err, report.ErrInvalidRecord)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
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

// decodes decodes data into v (a *Spec, *Record, *Report...) twice: with
// v's UnmarshalJSON, whose every error must be a *FieldError wrapping
// sentinel, and with encoding/json, which may only add its own syntax
// errors (it checks the JSON before v sees it); both agree. It never
// panics (the fuzzer would say).
func decodes(t *testing.T, data []byte, v json.Unmarshaler, sentinel error) error {
	t.Helper()
	err := v.UnmarshalJSON(data)
	if err != nil {
		require.ErrorIs(t, err, sentinel, "%v", err)
		var fe *report.FieldError
		require.ErrorAs(t, err, &fe)
		require.True(t, strings.HasPrefix(err.Error(), "report: "), err.Error())
	}
	fresh := reflect.New(reflect.TypeOf(v).Elem()).Interface()
	jerr := json.Unmarshal(data, fresh)
	var syntax *json.SyntaxError
	switch {
	case jerr == nil:
		require.NoError(t, err, "encoding/json accepts what UnmarshalJSON refuses")
	case errors.As(jerr, &syntax):
		require.Error(t, err, "UnmarshalJSON accepts what encoding/json finds malformed")
	default:
		require.ErrorIs(t, jerr, sentinel, "%v", jerr)
	}
	return err
}

// Any report JSON either fails with ErrInvalidReport or decodes into a
// report that renders and writes the same JSON again; a written report
// reads back equal.
func FuzzReportJSON(f *testing.F) {
	spec := fullSpec(f) // every family and section, kept small: a seed is decoded several times per run
	spec.Bucket, spec.GroupBy = report.Whole, []string{report.KeyPriority}
	acc, err := report.NewAccumulator(spec)
	require.NoError(f, err)
	for _, r := range randomRecords(17, 8) {
		require.NoError(f, acc.Add(r))
	}
	require.NoError(f, acc.AddOutage(report.Window{Service: "vpn", Start: at(3, 10, 0), End: at(3, 11, 0)}))
	rep := acc.Report()
	rep = rep.Compare(rep)
	var b bytes.Buffer
	require.NoError(f, rep.WriteJSON(&b))
	for _, part := range []string{`"listed"`, `"by_group"`, `"availability"`, `"recurring"`, `"changes"`, `"median"`, `"business"`, `"aging"`} {
		require.True(f, strings.Contains(b.String(), part), "the seed has every part of a report: no %s", part)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"period":{"bucket":"fortnight"}}`))
	f.Add([]byte(`{"changes":[{"grouping":"all","group":"all","kpi":"opened","current":{"unit":"count","value":1.5}}]}`))
	f.Add([]byte(`{"availability":[{"service":"mail","agreed_time":"forever"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r report.Report
		if err := decodes(t, data, &r, report.ErrInvalidReport); err != nil {
			return
		}
		var out bytes.Buffer
		require.NoError(t, r.WriteText(&out))
		out.Reset()
		if err := r.WriteJSON(&out); err != nil {
			return // a value JSON cannot hold (an unknown word of another package)
		}
		var back report.Report
		require.NoError(t, json.Unmarshal(out.Bytes(), &back), out.String())
		var again bytes.Buffer
		require.NoError(t, back.WriteJSON(&again))
		require.Equal(t, out.String(), again.String(), "what the package writes reads back the same")
	})
}
