package audit

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Forwarding: every entry is committed locally first; a Forwarder then
// sends it to the central log in the background, in order, in batches,
// and again after any failure with a growing pause. Nothing on the view
// path waits for it: Append only wakes it.

const (
	batchSize   = 500
	minBackoff  = 200 * time.Millisecond
	maxBackoff  = 30 * time.Second
	idlePoll    = 2 * time.Second // other processes append to the same log
	statusCheck = time.Second
)

// Forwarder sends a log's entries to the central log.
type Forwarder struct {
	log    *Log
	url    string
	key    string
	kick   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}

	// passing holds one token: one pass at a time, Sync's or the
	// background's; a pass waits for it only as long as its context.
	passing chan struct{}
	conn    *pgx.Conn // kept between passes; guarded by passing
	// announced is the chain announced on conn, reported the last refusal
	// put on record; both guarded by passing.
	announced, reported string

	mu        sync.Mutex
	logID     string    // the chain forwarded (LogID)
	sent      int64     // entries the central log holds of it, as last known
	local     int64     // entries in the local log, as last counted
	failing   time.Time // since when forwarding fails; zero while it works
	lastErr   error
	lastCount time.Time
}

// ForwardStatus is what the window shows: how many entries wait, and for
// how long the central log has been unreachable (0 while it is reachable).
type ForwardStatus struct {
	Pending     int64
	Unreachable time.Duration
	Err         error // the last failure, while failing
}

// OverdueAfter is how long the central log may be unreachable before the
// window shows, discreetly, how many entries wait.
const OverdueAfter = 5 * time.Minute

// Overdue tells the window to show the waiting count.
func (s ForwardStatus) Overdue() bool { return s.Pending > 0 && s.Unreachable > OverdueAfter }

// Forward starts forwarding the log to the central log at url in the
// background until Close. Append wakes it after each commit.
func (l *Log) Forward(url string) (*Forwarder, error) {
	return l.ForwardContext(context.Background(), url)
}

// ForwardContext is Forward that also stops with ctx (the window's life).
func (l *Log) ForwardContext(parent context.Context, url string) (*Forwarder, error) {
	if _, err := pgx.ParseConfig(url); err != nil {
		return nil, fmt.Errorf("audit: the central log's address is not a PostgreSQL URL: %w", errors.Unwrap(err))
	}
	ctx, cancel := context.WithCancel(parent)
	f := &Forwarder{log: l, url: url, key: serverKey(url), kick: make(chan struct{}, 1), passing: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{})}
	l.mu.Lock()
	l.fwd = append(l.fwd, f)
	l.mu.Unlock()
	go f.run(ctx)
	return f, nil
}

// Kick wakes the forwarder; it never blocks.
func (f *Forwarder) Kick() {
	select {
	case f.kick <- struct{}{}:
	default:
	}
}

// Status says how many entries wait to be forwarded; it reads the local
// count at most once a second.
func (f *Forwarder) Status() ForwardStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	if time.Since(f.lastCount) > statusCheck {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		if n, err := f.log.count(ctx); err == nil {
			f.local, f.lastCount = n, time.Now()
		}
		cancel()
	}
	s := ForwardStatus{Pending: max(f.local-f.sent, 0)}
	if !f.failing.IsZero() {
		s.Unreachable, s.Err = time.Since(f.failing), f.lastErr
	}
	return s
}

// Close stops forwarding; what is not sent stays pending for the next run.
func (f *Forwarder) Close() {
	f.cancel()
	<-f.done
	f.passing <- struct{}{}
	f.disconnect()
	<-f.passing
	l := f.log
	l.mu.Lock()
	for i, g := range l.fwd {
		if g == f {
			l.fwd = append(l.fwd[:i], l.fwd[i+1:]...)
			break
		}
	}
	l.mu.Unlock()
}

func (f *Forwarder) run(ctx context.Context) {
	defer close(f.done)
	backoff := time.Duration(0)
	for {
		err := f.pass(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := idlePoll
		if err != nil {
			backoff = min(max(2*backoff, minBackoff), maxBackoff)
			wait = backoff
		} else {
			backoff = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-f.kick:
			if err != nil { // a failing server is not hammered by every append
				select {
				case <-ctx.Done():
					t.Stop()
					return
				case <-t.C:
				}
			}
		case <-t.C:
		}
		t.Stop()
	}
}

// pass connects, learns how far the central log holds the chain, and sends
// the rest. A dropped connection ends the pass with an error.
// timedOut is Sync's error when its time is up: the last pass's own error,
// else the background pass's (which held the turn while Sync waited), else
// the deadline with the server named — never a bare "context deadline
// exceeded" that leaves the admin guessing which server did not answer.
func (f *Forwarder) timedOut(ctx context.Context, err error) error {
	if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return err
	}
	f.mu.Lock()
	last := f.lastErr
	f.mu.Unlock()
	if last != nil {
		return last
	}
	host := "the central log"
	if u, perr := url.Parse(f.url); perr == nil && u.Host != "" {
		host = u.Host // no user, password or query: safe to show
	}
	return fmt.Errorf("audit: %s did not answer in time: %w", host, ctx.Err())
}

func (f *Forwarder) pass(ctx context.Context) error {
	select {
	case f.passing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	err := f.send(ctx)
	if err != nil {
		f.disconnect()
	}
	<-f.passing
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case err == nil:
		f.failing, f.lastErr = time.Time{}, nil
	case f.failing.IsZero():
		f.failing, f.lastErr = time.Now(), err
	default:
		f.lastErr = err
	}
	return err
}

func (f *Forwarder) send(ctx context.Context) error {
	local, err := f.log.count(ctx)
	if err != nil {
		return err
	}
	logID, err := f.log.LogID()
	if err != nil {
		return err
	}
	f.mu.Lock()
	if logID != f.logID { // first pass, or the log was restored: another chain
		f.logID, f.sent = logID, f.log.loadForwarded(f.key+" "+logID)
	}
	f.local, f.lastCount = local, time.Now()
	known := f.sent
	f.mu.Unlock()
	// Nothing new since the last pass: no need to ask, once this process
	// has shown it can connect (a first pass always does, so `audit sync`
	// never says "up to date" for a server that would refuse it).
	if local <= known && known > 0 && f.conn != nil {
		return nil
	}
	c, err := f.connect(ctx)
	if err != nil {
		return err
	}
	if f.announced != logID {
		if err := f.log.announce(ctx, c, logID); err != nil {
			return f.refused(ctx, c, logID, err)
		}
		f.announced = logID
		// Once per connection: the hospital's salt, for the references of
		// the entries written after this.
		if err := f.log.takeHospitalSalt(ctx, c); err != nil {
			return err
		}
		if local, err = f.log.count(ctx); err != nil { // and its announcement, when it switched
			return err
		}
		f.mu.Lock()
		f.local = local
		f.mu.Unlock()
	}
	h, err := centralHead(ctx, c, logID)
	if err != nil {
		return fmt.Errorf("audit: the central log: %w", err)
	}
	if err := f.log.sameHead(ctx, h); err != nil {
		return err
	}
	sent := h.count
	for {
		f.setSent(logID, sent)
		next, err := f.log.forwardBatch(ctx, c, logID, sent, batchSize)
		var re *RefusedError
		if errors.As(err, &re) && re.ID > sent+1 {
			// The batch went back whole: the entries before the refused one go alone.
			if next, err := f.log.forwardBatch(ctx, c, logID, sent, int(re.ID-sent-1)); err == nil {
				f.setSent(logID, next)
			}
		}
		if err != nil {
			return f.refused(ctx, c, logID, err)
		}
		if next == sent {
			return nil
		}
		sent = next
	}
}

// refused puts a refusal of the server on record there, once for each
// entry and reason, and returns err.
func (f *Forwarder) refused(ctx context.Context, c *pgx.Conn, logID string, err error) error {
	var r *RefusedError
	if !errors.As(err, &r) || f.reported == r.Error() {
		return err
	}
	if r.ID > 0 { // an announcement's refusal is recorded by the server itself
		if _, rerr := c.Exec(ctx, `SELECT kyukyu_audit_refused($1, $2, $3)`, logID, r.ID, r.Why); rerr != nil {
			return err
		}
	}
	f.reported = r.Error()
	return err
}

// connect returns the connection kept between passes, or a new one.
func (f *Forwarder) connect(ctx context.Context) (*pgx.Conn, error) {
	if f.conn != nil && !f.conn.IsClosed() {
		return f.conn, nil
	}
	c, err := centralConnect(ctx, f.url)
	if err != nil {
		return nil, err
	}
	f.conn = c
	return c, nil
}

// disconnect drops the kept connection after a failure: the next pass
// starts on a fresh one (the server may have restarted).
func (f *Forwarder) disconnect() {
	if f.conn != nil {
		f.conn.Close(context.Background())
		f.conn, f.announced = nil, ""
	}
}

func (f *Forwarder) setSent(logID string, n int64) {
	f.mu.Lock()
	changed := f.sent != n
	f.sent = n
	f.mu.Unlock()
	if changed {
		f.log.saveForwarded(f.key+" "+logID, n)
	}
}

// Permanent tells an error that waiting cannot clear: a connection
// refused for good, the server refusing an entry, the local log differing
// from its central copy.
func Permanent(err error) bool {
	var ce *ConnectError
	var re *RefusedError
	return errors.As(err, &ce) && ce.Permanent || errors.As(err, &re) || errors.Is(err, ErrDiverged)
}

// Sync forwards what is pending now, retrying until nothing is left or ctx
// ends, and returns how many entries still wait.
func (f *Forwarder) Sync(ctx context.Context) (int64, error) {
	backoff := minBackoff
	for {
		err := f.pass(ctx)
		f.mu.Lock()
		pending := max(f.local-f.sent, 0)
		f.mu.Unlock()
		if err == nil && pending == 0 {
			return 0, nil
		}
		if errors.Is(err, ErrDiverged) || Permanent(err) {
			return pending, err
		}
		select {
		case <-ctx.Done():
			return pending, f.timedOut(ctx, err)
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}
