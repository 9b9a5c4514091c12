package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/go-itsm/itsm/report"
)

// ReportFn is the pipeline's CombineFn: it folds report records into a
// report.Accumulator and renders the report. Beam calls its methods in the
// combine lifecycle (see the README): CreateAccumulator and AddInput on
// each worker's part of the records (before the shuffle when the runner
// lifts the combine), MergeAccumulators on the partial accumulators after
// it, their bytes (MarshalBinary) having crossed the shuffle, and
// ExtractOutput once per key. report.Accumulator.Merge is exact and
// order-independent, so the report is the same whatever the split into
// bundles, workers and merges.
//
// Its only field travels to the workers as JSON; the spec is rebuilt from
// it there (calendars are built, not serialised).
type ReportFn struct {
	Settings Settings
	spec     *report.Spec
}

// Setup builds the report spec once per worker instance.
func (f *ReportFn) Setup() error {
	if f.spec != nil {
		return nil
	}
	d, err := newDesk(f.Settings)
	if err != nil {
		return err
	}
	f.spec = &d.spec
	return nil
}

// CreateAccumulator returns an empty accumulator of the desk's spec.
func (f *ReportFn) CreateAccumulator() (*report.Accumulator, error) {
	if err := f.Setup(); err != nil {
		return nil, err
	}
	return report.NewAccumulator(*f.spec)
}

// AddInput adds one incident's record. A record the accumulator refuses
// (a *report.RecordError) fails the bundle: the fold made it, so it is a
// bug, not bad input.
func (f *ReportFn) AddInput(a *report.Accumulator, r report.Record) (*report.Accumulator, error) {
	if err := a.Add(r); err != nil {
		return nil, err
	}
	return a, nil
}

// MergeAccumulators merges b into a: report.Accumulator.Merge.
func (f *ReportFn) MergeAccumulators(a, b *report.Accumulator) (*report.Accumulator, error) {
	if err := a.Merge(b); err != nil {
		return nil, err
	}
	return a, nil
}

// ExtractOutput renders the accumulator's report.
func (f *ReportFn) ExtractOutput(a *report.Accumulator) (Rendered, error) {
	return render(a.Report())
}

// Rendered is a report in the formats the pipeline writes.
type Rendered struct {
	Text, JSON, HTML []byte
}

// render writes rep as text, JSON and HTML.
func render(rep report.Report) (Rendered, error) {
	var t, j, h bytes.Buffer
	if err := rep.WriteText(&t); err != nil {
		return Rendered{}, err
	}
	if err := rep.WriteJSON(&j); err != nil {
		return Rendered{}, err
	}
	if err := rep.WriteHTML(&h); err != nil {
		return Rendered{}, err
	}
	return Rendered{Text: t.Bytes(), JSON: j.Bytes(), HTML: h.Bytes()}, nil
}

// The pipeline's coders. Beam encodes an accumulator whenever it crosses
// a shuffle (lifted combines send partial accumulators to the merging
// workers). The accumulator's own binary form (MarshalBinary) is exact and
// carries its spec, and UnmarshalBinary refuses bytes it did not write
// (truncated, another format) with report.ErrInvalidEncoding; but it has
// no checksum, so a flipped bit inside a count would decode into another
// valid accumulator and a silently wrong report. The coder therefore
// appends a CRC-32C of the bytes and checks it before decoding.

// crcTable is the Castagnoli polynomial's table (hardware-accelerated).
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// ErrCorruptAccumulator is the error of decodeAccumulator for bytes whose
// checksum does not match; errors.Is(err, report.ErrInvalidEncoding) holds
// for it too.
var ErrCorruptAccumulator = fmt.Errorf("beamreport: accumulator bytes fail their CRC-32C check: %w", report.ErrInvalidEncoding)

// encodeAccumulator is the accumulator coder's encoder: MarshalBinary,
// then the CRC-32C of those bytes (4 bytes, big-endian).
func encodeAccumulator(a *report.Accumulator) ([]byte, error) {
	b, err := a.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, crcTable)), nil
}

// decodeAccumulator is the accumulator coder's decoder: it checks the
// CRC-32C, then UnmarshalBinary into a zero Accumulator (the desk's spec
// has no custom keys). Every failure wraps report.ErrInvalidEncoding.
func decodeAccumulator(b []byte) (*report.Accumulator, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("beamreport: %d bytes are no accumulator: %w", len(b), report.ErrInvalidEncoding)
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, crcTable) != binary.BigEndian.Uint32(b[len(b)-4:]) {
		return nil, ErrCorruptAccumulator
	}
	a := new(report.Accumulator)
	if err := a.UnmarshalBinary(body); err != nil {
		return nil, err
	}
	return a, nil
}

// encodeRecord and decodeRecord are the record coder: report.Record's
// JSON, which round-trips losslessly. With a lifted combine most records
// are added where the fold made them and never encoded.
func encodeRecord(r report.Record) ([]byte, error) { return json.Marshal(r) }

func decodeRecord(b []byte) (report.Record, error) {
	var r report.Record
	err := json.Unmarshal(b, &r)
	return r, err
}

// encodeRendered and decodeRendered are the coder of Rendered: three
// length-prefixed byte strings.
func encodeRendered(r Rendered) []byte {
	b := make([]byte, 0, len(r.Text)+len(r.JSON)+len(r.HTML)+15)
	for _, part := range [][]byte{r.Text, r.JSON, r.HTML} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	return b
}

var errBadRendered = errors.New("beamreport: malformed rendered report encoding")

func decodeRendered(b []byte) (Rendered, error) {
	var parts [3][]byte
	for i := range parts {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return Rendered{}, errBadRendered
		}
		parts[i] = bytes.Clone(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	if len(b) != 0 {
		return Rendered{}, fmt.Errorf("%w: %d trailing bytes", errBadRendered, len(b))
	}
	return Rendered{Text: parts[0], JSON: parts[1], HTML: parts[2]}, nil
}
