package incident

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// Impact is how much of the business an incident affects: 1 is the highest
// level (e.g. "extensive / widespread"), larger numbers are lower. The number
// of levels is the number of rows of the Matrix in use (3 to 5). Zero means
// unset. Impact marshals to JSON as a number.
type Impact uint8

// Urgency is how quickly the business needs a resolution: 1 is the most
// urgent, larger numbers are less urgent. The number of levels is the number
// of columns of the Matrix in use (3 to 5). Zero means unset. Urgency marshals
// to JSON as a number.
type Urgency uint8

// Priority is the order in which incidents are worked: P1 is the most urgent,
// P5 the least. Zero means unset. Priority marshals to JSON as a number and
// prints as "P1".."P5".
type Priority uint8

// The priorities. Every Matrix maps into P1..P5, the range ServiceNow, iTop and
// GLPI (without its separate "major" level, which is the Major flag here) use.
const (
	P1 Priority = 1 + iota
	P2
	P3
	P4
	P5
)

// TopPriority is the priority of a major incident and of a customer-declared
// high impact at intake. LowestPriority is the least urgent priority a Matrix
// may hold.
const (
	TopPriority    = P1
	LowestPriority = P5
)

var priorityWords = [...]string{"none", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"}

// String returns "P1".."P5", "P<n>" for other non-zero values and "none" for
// zero. It allocates nothing for P1..P9, so reports can key on it.
func (p Priority) String() string {
	if int(p) < len(priorityWords) {
		return priorityWords[p]
	}
	return "P" + strconv.Itoa(int(p))
}

// MarshalJSON writes the priority as a number. Without it a []Priority (a
// byte slice to encoding/json) would be written as a base64 string.
func (p Priority) MarshalJSON() ([]byte, error) {
	return strconv.AppendUint(nil, uint64(p), 10), nil
}

// PriorityBasis says why an incident has its current priority.
type PriorityBasis uint8

// The bases of a priority. They marshal as the words "matrix", "customer",
// "override" and "major"; the zero value (no priority yet) marshals as "".
const (
	// PriorityByMatrix: looked up in the lifecycle's Matrix from impact and
	// urgency.
	PriorityByMatrix PriorityBasis = 1 + iota
	// PriorityByCustomer: "fix first, discuss later": the open event carried
	// a customer-declared highest impact, which gives TopPriority at once
	// whatever the urgency.
	PriorityByCustomer
	// PriorityByOverride: set by a prioritize event, with a reason.
	PriorityByOverride
	// PriorityByMajor: the incident was declared major, which forces
	// TopPriority.
	PriorityByMajor
)

// String returns the basis as a word.
func (b PriorityBasis) String() string { return basisWords.String(uint8(b)) }

// MarshalText implements encoding.TextMarshaler.
func (b PriorityBasis) MarshalText() ([]byte, error) {
	return basisWords.Marshal(uint8(b), ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *PriorityBasis) UnmarshalText(text []byte) error {
	v, err := basisWords.Parse(string(text), ErrUnknownWord)
	if err != nil {
		return err
	}
	*b = PriorityBasis(v)
	return nil
}

// maxLevels is the largest number of impact or urgency levels a Matrix has;
// minLevels the smallest.
const (
	minLevels = 3
	maxLevels = 5
)

// Matrix maps impact x urgency to priority. It has 3 to 5 impact levels
// (rows) and 3 to 5 urgency levels (columns), not necessarily as many of one
// as of the other, and every cell holds a priority from P1 to P5.
//
// A Matrix is a small comparable value; it is built by NewMatrix, ITILMatrix
// or GLPIMatrix, is never changed afterwards and is safe for concurrent use.
// The zero Matrix has no levels: its Priority method fails for every input,
// and a lifecycle built with a zero Matrix uses ITILMatrix instead.
//
// A Matrix marshals to JSON as an array of rows, one per impact level from 1
// down, each an array of priorities by urgency level from 1 down; the zero
// Matrix marshals as null. Unmarshaling validates as NewMatrix does.
type Matrix struct {
	impacts, urgencies uint8
	cells              [maxLevels][maxLevels]Priority
}

// NewMatrix returns the matrix whose cells[i-1][u-1] is the priority of
// impact i and urgency u. It fails with a *FieldError wrapping
// ErrInvalidMatrix when there are fewer than 3 or more than 5 rows or
// columns, when the rows differ in length, or when a cell is not P1..P5
// (a zero cell is an unset cell).
//
// A priority is not required to grow with impact and urgency: some
// organizations deliberately rank a low-impact, high-urgency cell above its
// neighbours.
func NewMatrix(cells [][]Priority) (Matrix, error) {
	var m Matrix
	if len(cells) < minLevels || len(cells) > maxLevels {
		return Matrix{}, &FieldError{Path: "matrix", Value: strconv.Itoa(len(cells)) + " rows",
			Reason: "needs 3 to 5 impact levels (rows)", Err: ErrInvalidMatrix}
	}
	cols := len(cells[0])
	if cols < minLevels || cols > maxLevels {
		return Matrix{}, &FieldError{Path: "matrix[0]", Value: strconv.Itoa(cols) + " columns",
			Reason: "needs 3 to 5 urgency levels (columns)", Err: ErrInvalidMatrix}
	}
	for i, row := range cells {
		if len(row) != cols {
			return Matrix{}, &FieldError{Path: "matrix[" + strconv.Itoa(i) + "]", Value: strconv.Itoa(len(row)) + " columns",
				Reason: "every row needs " + strconv.Itoa(cols) + " columns, as row 0 has", Err: ErrInvalidMatrix}
		}
		for u, p := range row {
			if p < P1 || p > LowestPriority {
				reason := "priority must be P1 to P5"
				if p == 0 {
					reason = "cell is not set"
				}
				return Matrix{}, &FieldError{Path: "matrix[" + strconv.Itoa(i) + "][" + strconv.Itoa(u) + "]",
					Value: strconv.Itoa(int(p)), Reason: reason, Err: ErrInvalidMatrix}
			}
			m.cells[i][u] = p
		}
	}
	m.impacts, m.urgencies = uint8(len(cells)), uint8(cols)
	return m, nil
}

// ITILMatrix returns the 3x3 matrix that ServiceNow ships:
//
//	            urgency 1  urgency 2  urgency 3
//	impact 1    P1         P2         P3
//	impact 2    P2         P3         P4
//	impact 3    P3         P4         P5
func ITILMatrix() Matrix {
	return Matrix{impacts: 3, urgencies: 3, cells: [maxLevels][maxLevels]Priority{
		{P1, P2, P3},
		{P2, P3, P4},
		{P3, P4, P5},
	}}
}

// GLPIMatrix returns a 5x5 matrix in the style of GLPI's default, with five
// levels of impact and urgency (very high, high, medium, low, very low):
//
//	            u1  u2  u3  u4  u5
//	impact 1    P1  P1  P2  P3  P4
//	impact 2    P1  P2  P2  P3  P4
//	impact 3    P2  P2  P3  P4  P4
//	impact 4    P3  P3  P4  P4  P5
//	impact 5    P4  P4  P4  P5  P5
//
// GLPI numbers its levels the other way round (5 is very high); here, as
// everywhere in this package, 1 is the highest.
func GLPIMatrix() Matrix {
	return Matrix{impacts: 5, urgencies: 5, cells: [maxLevels][maxLevels]Priority{
		{P1, P1, P2, P3, P4},
		{P1, P2, P2, P3, P4},
		{P2, P2, P3, P4, P4},
		{P3, P3, P4, P4, P5},
		{P4, P4, P4, P5, P5},
	}}
}

// IsZero reports whether m is the zero Matrix.
func (m Matrix) IsZero() bool { return m.impacts == 0 }

// Impacts returns the number of impact levels (rows); 0 for the zero Matrix.
func (m Matrix) Impacts() int { return int(m.impacts) }

// Urgencies returns the number of urgency levels (columns); 0 for the zero
// Matrix.
func (m Matrix) Urgencies() int { return int(m.urgencies) }

// Priority returns the priority of impact i and urgency u. It fails with a
// *FieldError wrapping ErrLevel when i or u is not a level of m.
func (m Matrix) Priority(i Impact, u Urgency) (Priority, error) {
	if i < 1 || int(i) > int(m.impacts) {
		return 0, &FieldError{Path: "impact", Value: strconv.Itoa(int(i)),
			Reason: "must be 1 to " + strconv.Itoa(int(m.impacts)), Err: ErrLevel}
	}
	if u < 1 || int(u) > int(m.urgencies) {
		return 0, &FieldError{Path: "urgency", Value: strconv.Itoa(int(u)),
			Reason: "must be 1 to " + strconv.Itoa(int(m.urgencies)), Err: ErrLevel}
	}
	return m.cells[i-1][u-1], nil
}

// Cells returns a fresh copy of the matrix as rows by impact, as NewMatrix
// takes it; nil for the zero Matrix.
func (m Matrix) Cells() [][]Priority {
	if m.IsZero() {
		return nil
	}
	rows := make([][]Priority, m.impacts)
	for i := range rows {
		rows[i] = append([]Priority(nil), m.cells[i][:m.urgencies]...)
	}
	return rows
}

// MarshalJSON implements json.Marshaler.
func (m Matrix) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	// Priority is a byte, and encoding/json writes byte slices as base64:
	// widen to ints to get arrays of numbers.
	rows := make([][]int, m.impacts)
	for i := range rows {
		rows[i] = make([]int, m.urgencies)
		for u := range rows[i] {
			rows[i][u] = int(m.cells[i][u])
		}
	}
	return json.Marshal(rows)
}

// UnmarshalJSON implements json.Unmarshaler; it validates as NewMatrix does.
// null leaves m unchanged.
func (m *Matrix) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(b, &rows); err != nil {
		return &FieldError{Value: clipJSON(b), Reason: "want a list of rows, each a list of priorities 1 to 5", Err: ErrInvalidMatrix}
	}
	if len(rows) > maxLevels {
		return &FieldError{Value: strconv.Itoa(len(rows)) + " rows", Reason: "needs 3 to 5 impact levels (rows)", Err: ErrInvalidMatrix}
	}
	cells := make([][]Priority, len(rows))
	for i, raw := range rows {
		var row []json.RawMessage
		if err := json.Unmarshal(raw, &row); err != nil {
			return &FieldError{Path: "[" + strconv.Itoa(i) + "]", Value: clipJSON(raw), Reason: "want a list of priorities 1 to 5", Err: ErrInvalidMatrix}
		}
		if len(row) > maxLevels {
			return &FieldError{Path: "[" + strconv.Itoa(i) + "]", Value: strconv.Itoa(len(row)) + " columns", Reason: "needs 3 to 5 urgency levels (columns)", Err: ErrInvalidMatrix}
		}
		cells[i] = make([]Priority, len(row))
		for u, cell := range row {
			var p int
			if err := json.Unmarshal(cell, &p); err != nil || p < 1 || p > int(LowestPriority) {
				return &FieldError{Path: "[" + strconv.Itoa(i) + "][" + strconv.Itoa(u) + "]",
					Value: clipJSON(cell), Reason: "priority must be 1 to 5", Err: ErrInvalidMatrix}
			}
			cells[i][u] = Priority(p)
		}
	}
	v, err := NewMatrix(cells)
	if err != nil {
		// NewMatrix names the field "matrix[...]"; here the path is relative
		// to the matrix itself.
		var fe *FieldError
		if errors.As(err, &fe) {
			fe.Path = strings.TrimPrefix(fe.Path, "matrix")
		}
		return err
	}
	*m = v
	return nil
}

// clipJSON returns raw JSON as an error's value, cut to a readable length.
func clipJSON(raw []byte) string {
	s := string(bytes.TrimSpace(raw))
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return s
}
