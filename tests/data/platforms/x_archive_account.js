window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "mira@example.org",
      "createdVia" : "web",
      "username" : "mira_example",
      "accountId" : "1600000000000000123",
      "createdAt" : "2015-03-01T10:00:00.000Z",
      "accountDisplayName" : "Mira ✂️"
    }
  }
]