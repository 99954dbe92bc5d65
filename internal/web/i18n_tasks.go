package web

// English for the work-list task buttons, merged like i18n_rules.go.
var tasksEnglish = map[string]string{
	"完成":        "Done",
	"任务已标记为完成。": "Task marked done.",
	"任务已取消。":    "Task cancelled.",
}

func init() { addEnglish(tasksEnglish) }
