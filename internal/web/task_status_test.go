package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"safecampus/internal/auth"
	"safecampus/internal/task"
)

// ownTask gives each scenario user a fresh open task owned by 赵组长, who
// has no account: only the campaign office may close it.
func ownTask(x *rowCtx) {
	zhao, _ := strconv.ParseInt(x.vars["zhao"], 10, 64)
	id, err := x.f.Server.Tasks.Create(context.Background(), auth.System(), task.Task{SchoolID: x.f.SchoolID, Title: "整改台账归档-" + x.user,
		OwnerPersonID: zhao, DueOn: "2026-03-31"})
	if err != nil {
		x.t.Fatalf("task fixture: %v", err)
	}
	x.vars["task"] = strconv.FormatInt(id, 10)
}

// TestTaskStatusFromTheWorkList: the office closes a task from the work
// list; closing it again is refused and changes nothing; the owner's own
// unit head (not the office) closes a task of the unit.
func TestTaskStatusFromTheWorkList(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	x := &rowCtx{t: t, f: f, user: "office", c: f.clients["office"], vars: map[string]string{}}
	for k, v := range f.vars {
		x.vars[k] = v
	}
	ownTask(x)
	page := f.clients["office"].get("/lists/work?all=1")
	expect(t, page, http.StatusOK, `action="/tasks/`+x.vars["task"]+`/status"`, "整改台账归档-office")

	path := "/tasks/" + x.vars["task"] + "/status"
	expect(t, f.clients["office"].postForm(path, url.Values{"status": {"done"}}), http.StatusSeeOther)
	id, _ := strconv.ParseInt(x.vars["task"], 10, 64)
	got, err := task.Get(ctx, f.DB.Read(), f.SchoolID, id)
	if err != nil || got.Status != task.StatusDone {
		t.Fatalf("after closing: %+v, %v", got, err)
	}
	expect(t, f.clients["office"].postForm(path, url.Values{"status": {"cancelled"}}), http.StatusConflict)
	if got, _ := task.Get(ctx, f.DB.Read(), f.SchoolID, id); got.Status != task.StatusDone {
		t.Fatalf("a refused change changed the task: %s", got.Status)
	}
	expect(t, f.clients["office"].postForm(path, url.Values{"status": {"reopened"}}), http.StatusUnprocessableEntity)
}
