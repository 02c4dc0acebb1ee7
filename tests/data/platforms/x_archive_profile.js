window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Paper things",
        "website" : "",
        "location" : ""
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1599/mira_photo.jpg",
      "headerMediaUrl" : "https://pbs.twimg.com/profile_banners/1600/1690"
    }
  }
]