window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000400"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "14",
        "36"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000400",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000400",
      "created_at" : "Sat Aug 12 17:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "@someone_else Thanks, glad it helps!",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1690000000000000350",
      "in_reply_to_status_id" : "1690000000000000350",
      "in_reply_to_user_id_str" : "1500000000000000999",
      "in_reply_to_user_id" : "1500000000000000999",
      "in_reply_to_screen_name" : "someone_else"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000300"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "urls" : [],
        "user_mentions" : [
          {
            "name" : "Mira",
            "screen_name" : "mira_example",
            "indices" : [
              "0",
              "13"
            ],
            "id_str" : "1600000000000000123",
            "id" : "1600000000000000123"
          }
        ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/mira_example/status/1690000000000000300/video/1",
            "indices" : [
              "31",
              "50"
            ],
            "url" : "https://t.co/ViDeO1",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1690/pu/img/unfold.jpg",
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1690/pu/img/unfold.jpg",
            "id_str" : "1690000000000000301",
            "id" : "1690000000000000301",
            "sizes" : {
              "large" : {
                "w" : "1280",
                "h" : "720",
                "resize" : "fit"
              }
            },
            "type" : "video",
            "display_url" : "pic.twitter.com/ViDeO1",
            "video_info" : {
              "aspect_ratio" : [
                "16",
                "9"
              ],
              "variants" : [
                {
                  "bitrate" : "256000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/vid/480x270/unfold.mp4?tag=12"
                },
                {
                  "content_type" : "application/x-mpegURL",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/pl/unfold.m3u8?tag=12"
                },
                {
                  "bitrate" : "2176000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/vid/1280x720/unfold.mp4?tag=12"
                }
              ]
            }
          }
        ]
      },
      "display_text_range" : [
        "14",
        "30"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000300",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000300",
      "created_at" : "Sat Aug 12 16:30:00 +0000 2023",
      "favorited" : false,
      "full_text" : "@mira_example Step 3: unfold 🎉 https://t.co/ViDeO1",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1690000000000000200",
      "in_reply_to_status_id" : "1690000000000000200",
      "in_reply_to_user_id_str" : "1600000000000000123",
      "in_reply_to_user_id" : "1600000000000000123",
      "in_reply_to_screen_name" : "mira_example",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/mira_example/status/1690000000000000300/video/1",
            "indices" : [
              "31",
              "50"
            ],
            "url" : "https://t.co/ViDeO1",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1690/pu/img/unfold.jpg",
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1690/pu/img/unfold.jpg",
            "id_str" : "1690000000000000301",
            "id" : "1690000000000000301",
            "sizes" : {
              "large" : {
                "w" : "1280",
                "h" : "720",
                "resize" : "fit"
              }
            },
            "type" : "video",
            "display_url" : "pic.twitter.com/ViDeO1",
            "video_info" : {
              "aspect_ratio" : [
                "16",
                "9"
              ],
              "variants" : [
                {
                  "bitrate" : "256000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/vid/480x270/unfold.mp4?tag=12"
                },
                {
                  "content_type" : "application/x-mpegURL",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/pl/unfold.m3u8?tag=12"
                },
                {
                  "bitrate" : "2176000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1690/pu/vid/1280x720/unfold.mp4?tag=12"
                }
              ]
            }
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000260"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "urls" : [],
        "user_mentions" : [
          {
            "name" : "S",
            "screen_name" : "someone_else",
            "indices" : [
              "3",
              "16"
            ],
            "id_str" : "1500000000000000999",
            "id" : "1500000000000000999"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "34"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000260",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000260",
      "created_at" : "Sat Aug 12 16:25:00 +0000 2023",
      "favorited" : false,
      "full_text" : "RT @someone_else: Paper is great …",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000900"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "29"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000900",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000900",
      "created_at" : "Sun Aug 13 09:00:00 +0200 2023",
      "favorited" : false,
      "full_text" : "A later aside, not the thread",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1690000000000000100",
      "in_reply_to_status_id" : "1690000000000000100",
      "in_reply_to_user_id_str" : "1600000000000000123",
      "in_reply_to_user_id" : "1600000000000000123",
      "in_reply_to_screen_name" : "mira_example"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "edit" : {
          "initialTweetId" : "1690000000000000200",
          "editControlInitial" : {
            "editTweetIds" : [
              "1690000000000000200",
              "1690000000000000250"
            ],
            "editableUntil" : "2023-08-12T17:20:00.000Z",
            "editsRemaining" : "4",
            "isEditEligible" : true
          }
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "53"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000250",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000250",
      "created_at" : "Sat Aug 12 16:22:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Step 2: fold twice, then cut &lt;along&gt; the crease",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1690000000000000100",
      "in_reply_to_status_id" : "1690000000000000100",
      "in_reply_to_user_id_str" : "1600000000000000123",
      "in_reply_to_user_id" : "1600000000000000123",
      "in_reply_to_screen_name" : "mira_example"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000200",
            "1690000000000000250"
          ],
          "editableUntil" : "2023-08-12T17:20:00.000Z",
          "editsRemaining" : "4",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "33"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000200",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000200",
      "created_at" : "Sat Aug 12 16:20:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Step 2: fold twice (typo version)",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1690000000000000100",
      "in_reply_to_status_id" : "1690000000000000100",
      "in_reply_to_user_id_str" : "1600000000000000123",
      "in_reply_to_user_id" : "1600000000000000123",
      "in_reply_to_screen_name" : "mira_example"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1680000000000000001"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "27"
      ],
      "favorite_count" : "3",
      "id_str" : "1680000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1680000000000000001",
      "created_at" : "Sat Jul 01 08:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "An unrelated post from July",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1690000000000000100"
          ],
          "editableUntil" : "2023-08-12T17:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "papercraft",
            "indices" : [
              "89",
              "100"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/GuIdE1",
            "expanded_url" : "https://papercraft.example/guide",
            "display_url" : "papercraft.example/guide",
            "indices" : [
              "69",
              "88"
            ]
          }
        ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/mira_example/status/1690000000000000100/photo/1",
            "indices" : [
              "101",
              "120"
            ],
            "url" : "https://t.co/PHOTO1",
            "media_url" : "http://pbs.twimg.com/media/F3kNife1.jpg",
            "media_url_https" : "https://pbs.twimg.com/media/F3kNife1.jpg",
            "id_str" : "169000000000000011",
            "id" : "169000000000000011",
            "sizes" : {
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/PhOtO1"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "100"
      ],
      "favorite_count" : "3",
      "id_str" : "1690000000000000100",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1690000000000000100",
      "created_at" : "Sat Aug 12 16:10:37 +0000 2023",
      "favorited" : false,
      "full_text" : "Paper cutting 101 ✂️ — tools &amp; tricks. שלום to the Hebrew folks! https://t.co/GuIdE1 #papercraft https://t.co/PHOTO1",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/mira_example/status/1690000000000000100/photo/1",
            "indices" : [
              "101",
              "120"
            ],
            "url" : "https://t.co/PHOTO1",
            "media_url" : "http://pbs.twimg.com/media/F3kNife1.jpg",
            "media_url_https" : "https://pbs.twimg.com/media/F3kNife1.jpg",
            "id_str" : "169000000000000011",
            "id" : "169000000000000011",
            "sizes" : {
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/PhOtO1"
          },
          {
            "expanded_url" : "https://twitter.com/mira_example/status/1690000000000000100/photo/2",
            "indices" : [
              "101",
              "120"
            ],
            "url" : "https://t.co/PHOTO1",
            "media_url" : "http://pbs.twimg.com/media/F3kNife2.jpg",
            "media_url_https" : "https://pbs.twimg.com/media/F3kNife2.jpg",
            "id_str" : "169000000000000012",
            "id" : "169000000000000012",
            "sizes" : {
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "large" : {
                "w" : "1080",
                "h" : "1350",
                "resize" : "fit"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/PhOtO1"
          }
        ]
      }
    }
  }
]