print("gdesk")
