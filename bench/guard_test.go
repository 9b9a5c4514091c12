package bench

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"
)

// peerTimeout bounds one batch of calls into a peer library in the tests.
// rickar/cal v2.1.26 loops day by day with no limit, and some inputs (a
// calendar with no working day, hours it cannot represent) make it spin
// forever; itsm's own calls are never guarded, since not hanging is part of
// its contract.
const peerTimeout = 10 * time.Second

// errPeerTimeout is returned by guard when the peer did not return in time.
var errPeerTimeout = errors.New("peer did not return in time")

// guard runs f on its own goroutine and waits at most timeout for it. It
// returns errPeerTimeout when f is still running, and an error that carries
// the panic value when f panicked. Go cannot stop a goroutine from outside,
// so a goroutine that timed out is abandoned and runs until the test binary
// exits; callers that loop should also check a stop flag between calls.
func guard(timeout time.Duration, f func()) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("peer panicked: %v", p)
			}
		}()
		f()
		done <- nil
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("%w (%v)", errPeerTimeout, timeout)
	}
}

// benchBatchTimeout bounds one timed batch (b.N calls) of a peer benchmark:
// peerTimeout, or three times -benchtime when that is longer, so that a
// longer -benchtime does not turn slow-but-finite peers into skips. A count
// such as -benchtime 100x keeps peerTimeout.
func benchBatchTimeout() time.Duration {
	f := flag.Lookup("test.benchtime")
	if f == nil {
		return peerTimeout
	}
	s := f.Value.String()
	if strings.HasSuffix(s, "x") {
		return peerTimeout
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return peerTimeout
	}
	return max(peerTimeout, 3*d)
}

// TestGuard checks the machinery that keeps a hanging peer from hanging the
// run. The stand-in blocks rather than spins, so the abandoned goroutine
// costs no CPU in the benchmarks that may follow in the same binary.
func TestGuard(t *testing.T) {
	if err := guard(time.Second, func() {}); err != nil {
		t.Errorf("guard(returning func) = %v, want nil", err)
	}
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	if err := guard(10*time.Millisecond, func() { <-block }); !errors.Is(err, errPeerTimeout) {
		t.Errorf("guard(blocking func) = %v, want errPeerTimeout", err)
	}
	if err := guard(time.Second, func() { panic("boom") }); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("guard(panicking func) = %v, want the panic value", err)
	}
}
