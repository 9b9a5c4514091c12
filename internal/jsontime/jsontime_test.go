package jsontime

import (
	"testing"
	"time"
)

func TestPtrVal(t *testing.T) {
	if Ptr(time.Time{}) != nil {
		t.Fatal("zero time should give nil")
	}
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	if p := Ptr(at); p == nil || !p.Equal(at) {
		t.Fatalf("Ptr(%v) = %v", at, p)
	}
	if !Val(nil).IsZero() || !Val(Ptr(at)).Equal(at) {
		t.Fatal("Val does not invert Ptr")
	}
}
