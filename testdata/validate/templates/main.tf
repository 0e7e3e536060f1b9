resource "aws_lambda_function" "worker" {
  function_name = "worker"
}

resource "aws_sfn_state_machine" "batch" {
  name     = "batch"
  role_arn = var.role_arn
  type     = "EXPRESS"

  definition = <<EOF
{
  "StartAt": "Work",
  "States": {
    "Work": {
      "Type": "Task",
      "Resource": "${aws_lambda_function.worker.arn}",
      "TimeoutSeconds": ${var.timeout},
      "End": true
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 5,
      "End": true
    }
  }
}
EOF
}

resource "aws_sfn_state_machine" "encoded" {
  name     = "encoded"
  role_arn = var.role_arn
  definition = jsonencode({
    StartAt = "Call"
    States = {
      Call = {
        Type     = "Task"
        Resource = var.function_arn
        Retry    = [{ ErrorEquals = ["States.Timeoutt"] }]
        End      = true
      }
    }
  })
}
