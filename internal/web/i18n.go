package web

import "net/http"

// The UI is written in Simplified Chinese; English is a dictionary from the
// Chinese text to its translation. A missing entry shows the Chinese, so an
// untranslated string is never blank.
var english = map[string]string{
	"校园安全专项整治管理系统": "SafeCampus — Campus Safety Rectification",
	"首页":           "Home",
	"组织机构":         "Organisation",
	"单位":           "Units",
	"校区":           "Campuses",
	"人员":           "People",
	"场所":           "Places",
	"网格":           "Grids",
	"网格图":          "Grid diagram",
	"领导小组":         "Leading group",
	"联系点":          "Contact points",
	"账号与角色":        "Accounts & roles",
	"学校":           "Schools",
	"导入":           "Import",
	"导出":           "Export",
	"登录":           "Log in",
	"退出":           "Log out",
	"用户名":          "Username",
	"密码":           "Password",
	"修改密码":         "Change password",
	"当前密码":         "Current password",
	"新密码":          "New password",
	"确认新密码":        "Confirm new password",
	"保存":           "Save",
	"取消":           "Cancel",
	"新建":           "New",
	"编辑":           "Edit",
	"停用":           "Deactivate",
	"启用":           "Activate",
	"名称":           "Name",
	"类别":           "Kind",
	"上级单位":         "Parent unit",
	"负责人":          "Head",
	"编码":           "Code",
	"排序":           "Order",
	"状态":           "Status",
	"操作":           "Actions",
	"已停用":          "Inactive",
	"启用中":          "Active",
	"地址":           "Address",
	"我的待办":         "My tasks",
	"暂无待办事项":       "Nothing is due for you yet.",
	"修改记录":         "History",
	"切换学校":         "Switch school",
	"无":            "None",
	"返回":           "Back",
	"时间":           "Time",
	"操作人":          "By",
	"动作":           "Action",
	"变更前":          "Before",
	"变更后":          "After",
	"暂无数据":         "No records yet.",
	"共":            "Total",
	"条":            "",
	"打印":           "Print",
	"预览":           "Preview",
	"确认导入":         "Confirm import",
	"English":      "English",
	"中文":           "中文",
}

// lang returns "en" when the user chose English, else "zh".
func lang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "zh"
}

func translate(lang, s string) string {
	if lang == "en" {
		if t, ok := english[s]; ok {
			return t
		}
	}
	return s
}
