variable "timeout" {
  default = 30
}

resource "aws_lambda_function" "worker" {
  function_name = "worker-fn"
}

resource "aws_sfn_state_machine" "heredoc" {
  name     = "heredoc"
  role_arn = aws_iam_role.sfn.arn
  type     = "EXPRESS"

  definition = <<EOF
{
  "StartAt": "Work",
  "States": {
    "Work": {
      "Type": "Task",
      "Resource": "${aws_lambda_function.worker.arn}",
      "TimeoutSeconds": ${var.timeout},
      "Next": "Unknown"
    },
    "Unknown": {
      "Type": "Task",
      "Resource": "${var.external_arn}",
      "End": true
    }
  }
}
EOF
}

resource "aws_sfn_state_machine" "encoded" {
  name     = "encoded"
  role_arn = "arn:aws:iam::123456789012:role/x"
  definition = jsonencode({
    Comment = "built with jsonencode"
    StartAt = "Wait"
    States = {
      "Wait" = {
        Type    = "Wait"
        Seconds = 5
        Next    = "Call"
      }
      Call = {
        Type     = "Task"
        Resource = aws_lambda_function.worker.arn
        End      = true
      }
    }
  })
}

resource "aws_sfn_state_machine" "fromfile" {
  name       = "fromfile"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = file("${path.module}/statemachine/flow.asl.json")
}

resource "aws_sfn_state_machine" "templated" {
  name     = "templated"
  role_arn = "arn:aws:iam::123456789012:role/x"
  definition = templatefile("${path.module}/statemachine/flow.asl.json", {
    FunctionArn = aws_lambda_function.worker.arn
  })
}

resource "aws_sfn_state_machine" "missing" {
  name       = "missing"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = file("nope.json")
}

module "orders" {
  source     = "terraform-aws-modules/step-functions/aws"
  name       = "orders"
  type       = "express"
  definition = <<-JSON
    {
      "StartAt": "Done",
      "States": {"Done": {"Type": "Succeed"}}
    }
  JSON
}

data "template_file" "legacy" {
  template = file("${path.module}/statemachine/flow.asl.json")
  vars = {
    FunctionArn = aws_lambda_function.worker.arn
  }
}

resource "aws_sfn_state_machine" "legacy" {
  name       = "legacy"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = data.template_file.legacy.rendered
}
