print("p1wizard")
