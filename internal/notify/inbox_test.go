package notify

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/testkit"
)

func TestInbox(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			staff, office := f.actor["staff"], f.actor["office"]
			const total = InboxPageSize + 5
			for i := range total {
				f.clock.add(time.Minute)
				f.enqueue(Message{SchoolID: f.school, Kind: "assigned", Title: fmt.Sprintf("整改任务%d", i), Link: fmt.Sprintf("/hazards/%d", i),
					DedupKey: fmt.Sprintf("assigned:%d", i), Recipients: []int64{staff.AccountID}})
			}
			f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "仅办公室", DedupKey: "office", Recipients: []int64{office.AccountID}})

			page1, next, err := f.svc.Inbox(f.ctx, staff, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(page1) != InboxPageSize || page1[0].Title != fmt.Sprintf("整改任务%d", total-1) || next == 0 {
				t.Fatalf("page 1: %d items, first %q, next %d", len(page1), page1[0].Title, next)
			}
			page2, next2, err := f.svc.Inbox(f.ctx, staff, next)
			if err != nil || len(page2) != 5 || next2 != 0 || page2[4].Title != "整改任务0" {
				t.Fatalf("page 2: %d items, next %d, %v", len(page2), next2, err)
			}
			if n, _ := f.svc.UnreadCount(f.ctx, staff.AccountID); n != total {
				t.Errorf("unread = %d, want %d", n, total)
			}

			// Another account's item: not found, and left unread.
			officeItems, _, _ := f.svc.Inbox(f.ctx, office, 0)
			if len(officeItems) != 1 {
				t.Fatalf("office inbox: %+v", officeItems)
			}
			if _, err := f.svc.MarkRead(f.ctx, staff, officeItems[0].ID); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("reading another's item: %v", err)
			}
			if n, _ := f.svc.UnreadCount(f.ctx, office.AccountID); n != 1 {
				t.Errorf("office unread after the refused attempt = %d", n)
			}

			link, err := f.svc.MarkRead(f.ctx, staff, page1[0].ID)
			if err != nil || link != fmt.Sprintf("/hazards/%d", total-1) {
				t.Fatalf("mark read: %q, %v", link, err)
			}
			if n, _ := f.svc.UnreadCount(f.ctx, staff.AccountID); n != total-1 {
				t.Errorf("unread after one = %d", n)
			}
			if n, err := f.svc.MarkAllRead(f.ctx, staff); err != nil || n != total-1 {
				t.Errorf("mark all: %d, %v", n, err)
			}
			if n, _ := f.svc.UnreadCount(f.ctx, staff.AccountID); n != 0 {
				t.Errorf("unread after all = %d", n)
			}
		})
	}
}

// TestUnreadCountUsesIndex: the header's count runs on every page view and
// must be an index range scan, not a table scan (SQLite plan).
func TestUnreadCountUsesIndex(t *testing.T) {
	f := newFixture(t, "sqlite")
	rows, err := f.db.Raw().QueryContext(f.ctx, `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (SELECT 1 FROM notify_inbox WHERE account_id = $1 AND read_at = 0 LIMIT $2) u`, 1, UnreadCap)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	plan := ""
	for rows.Next() {
		var id, parent, notused int
		var detail string
		f.must(rows.Scan(&id, &parent, &notused, &detail))
		plan += detail + "; "
	}
	if !strings.Contains(plan, "notify_inbox_account") {
		t.Errorf("plan does not use notify_inbox_account: %s", plan)
	}
}
