package incident_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

func TestITILMatrix(t *testing.T) {
	m := incident.ITILMatrix()
	want := map[[2]int]incident.Priority{
		{1, 1}: incident.P1, {1, 2}: incident.P2, {1, 3}: incident.P3,
		{2, 1}: incident.P2, {2, 2}: incident.P3, {2, 3}: incident.P4,
		{3, 1}: incident.P3, {3, 2}: incident.P4, {3, 3}: incident.P5,
	}
	assert.Equal(t, 3, m.Impacts())
	assert.Equal(t, 3, m.Urgencies())
	for k, p := range want {
		got, err := m.Priority(incident.Impact(k[0]), incident.Urgency(k[1]))
		require.NoError(t, err)
		assert.Equal(t, p, got, "impact %d urgency %d", k[0], k[1])
	}
}

func TestGLPIMatrix(t *testing.T) {
	m := incident.GLPIMatrix()
	assert.Equal(t, 5, m.Impacts())
	assert.Equal(t, 5, m.Urgencies())
	cells := m.Cells()
	for i := range cells {
		for u := range cells[i] {
			// Symmetric, never less urgent as impact or urgency rises.
			assert.Equal(t, cells[i][u], cells[u][i])
			if i > 0 {
				assert.GreaterOrEqual(t, cells[i][u], cells[i-1][u])
			}
			if u > 0 {
				assert.GreaterOrEqual(t, cells[i][u], cells[i][u-1])
			}
		}
	}
	assert.Equal(t, incident.P1, cells[0][0])
	assert.Equal(t, incident.P5, cells[4][4])
	rebuilt, err := incident.NewMatrix(cells)
	require.NoError(t, err)
	assert.Equal(t, m, rebuilt)
}

func TestNewMatrix(t *testing.T) {
	p := func(rows ...[]incident.Priority) [][]incident.Priority { return rows }
	r := func(ps ...incident.Priority) []incident.Priority { return ps }
	tests := []struct {
		name  string
		cells [][]incident.Priority
		field string
	}{
		{"two rows", p(r(1, 2, 3), r(2, 3, 4)), "matrix"},
		{"six rows", p(r(1, 2, 3), r(1, 2, 3), r(1, 2, 3), r(1, 2, 3), r(1, 2, 3), r(1, 2, 3)), "matrix"},
		{"nil", nil, "matrix"},
		{"two columns", p(r(1, 2), r(2, 3), r(3, 4)), "matrix[0]"},
		{"six columns", p(r(1, 2, 3, 4, 5, 5), r(1, 2, 3, 4, 5, 5), r(1, 2, 3, 4, 5, 5)), "matrix[0]"},
		{"ragged", p(r(1, 2, 3), r(2, 3, 4, 5), r(3, 4, 5)), "matrix[1]"},
		{"unset cell", p(r(1, 2, 3), r(2, 0, 4), r(3, 4, 5)), "matrix[1][1]"},
		{"priority 6", p(r(1, 2, 3), r(2, 3, 4), r(3, 4, 6)), "matrix[2][2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := incident.NewMatrix(tt.cells)
			require.ErrorIs(t, err, incident.ErrInvalidMatrix)
			var fe *incident.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
			assert.True(t, m.IsZero())
		})
	}

	// Rectangular: 4 impacts x 3 urgencies.
	m, err := incident.NewMatrix(p(r(1, 1, 2), r(1, 2, 3), r(2, 3, 4), r(3, 4, 5)))
	require.NoError(t, err)
	assert.Equal(t, 4, m.Impacts())
	assert.Equal(t, 3, m.Urgencies())
	got, err := m.Priority(4, 3)
	require.NoError(t, err)
	assert.Equal(t, incident.P5, got)

	_, err = m.Priority(5, 1)
	require.ErrorIs(t, err, incident.ErrLevel)
	_, err = m.Priority(1, 4)
	require.ErrorIs(t, err, incident.ErrLevel)
	_, err = m.Priority(0, 1)
	require.ErrorIs(t, err, incident.ErrLevel)
	_, err = incident.Matrix{}.Priority(1, 1)
	require.ErrorIs(t, err, incident.ErrLevel)

	// Cells is a copy.
	cells := m.Cells()
	cells[0][0] = incident.P5
	got, _ = m.Priority(1, 1)
	assert.Equal(t, incident.P1, got)
	assert.Nil(t, incident.Matrix{}.Cells())
}

func TestMatrixJSON(t *testing.T) {
	b, err := json.Marshal(incident.ITILMatrix())
	require.NoError(t, err)
	assert.Equal(t, `[[1,2,3],[2,3,4],[3,4,5]]`, string(b))
	var m incident.Matrix
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, incident.ITILMatrix(), m)

	b, err = json.Marshal(incident.Matrix{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	require.NoError(t, json.Unmarshal([]byte("null"), &m))
	assert.Equal(t, incident.ITILMatrix(), m, "null leaves the value")

	assert.ErrorIs(t, json.Unmarshal([]byte(`[[1,2],[3,4]]`), &m), incident.ErrInvalidMatrix)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"a":1}`), &m), incident.ErrInvalidMatrix)
	assert.ErrorIs(t, json.Unmarshal([]byte(`[[1,2,3],[1,2,3],[1,2,-3]]`), &m), incident.ErrInvalidMatrix)
}

func TestPriorityString(t *testing.T) {
	assert.Equal(t, "P1", incident.P1.String())
	assert.Equal(t, "P5", incident.P5.String())
	assert.Equal(t, "none", incident.Priority(0).String())
	assert.Equal(t, "P9", incident.Priority(9).String())
	assert.Equal(t, "P12", incident.Priority(12).String())
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = incident.P3.String() }))
}

// A []Priority is a byte slice to encoding/json; it must still be written as
// numbers (selectors list priorities), and read back from numbers.
func TestPriorityJSONIsANumber(t *testing.T) {
	b, err := json.Marshal(struct {
		P    incident.Priority   `json:"p"`
		List []incident.Priority `json:"list"`
	}{incident.P2, []incident.Priority{incident.P1, incident.P3}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"p":2,"list":[1,3]}`, string(b))
	var back []incident.Priority
	require.NoError(t, json.Unmarshal([]byte(`[1,3]`), &back))
	assert.Equal(t, []incident.Priority{incident.P1, incident.P3}, back)
}

func TestPriorityBasisJSON(t *testing.T) {
	for _, b := range []incident.PriorityBasis{incident.PriorityByMatrix, incident.PriorityByCustomer,
		incident.PriorityByOverride, incident.PriorityByMajor} {
		out, err := json.Marshal(b)
		require.NoError(t, err)
		var back incident.PriorityBasis
		require.NoError(t, json.Unmarshal(out, &back))
		assert.Equal(t, b, back)
		assert.Equal(t, `"`+b.String()+`"`, string(out))
	}
	var back incident.PriorityBasis
	assert.ErrorIs(t, json.Unmarshal([]byte(`"vibes"`), &back), incident.ErrUnknownWord)
	_, err := json.Marshal(incident.PriorityBasis(9))
	assert.ErrorIs(t, err, incident.ErrUnknownWord)
}
