from . import applications, groups, reports  # noqa: F401 - registers the admin classes
