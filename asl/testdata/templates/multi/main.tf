resource "aws_sfn_state_machine" "split" {
  name       = "split"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  type       = var.workflow_type
  definition = local.definition
}
