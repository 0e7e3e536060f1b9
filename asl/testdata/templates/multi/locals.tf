variable "workflow_type" {
  default = "EXPRESS"
}

locals {
  definition = jsonencode({
    StartAt = "Go"
    States = {
      Go = {
        Type     = "Task"
        Resource = aws_sqs_queue.jobs.arn
        End      = true
      }
    }
  })
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs-queue"
}
