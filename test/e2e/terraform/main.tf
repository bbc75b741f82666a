# The configuration test/e2e/terraform.test.ts applies to a Portcullis server: users, an access key,
# groups and memberships, inline and attached policies (customer and AWS-managed), roles with trust
# policies, a permissions boundary, a session limit and tags, an instance profile, and, in stage 2,
# a user created through a second provider that assumes a role. AssumeRole needs the role before
# the provider is configured, so the test applies twice: once as is, then with enable_stage2=true,
# which also changes a few things in place (a policy's document, tags, a role's settings, a key's
# status) so that the updates, and reading them back, are exercised too.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  type = string
}

variable "enable_stage2" {
  type    = bool
  default = false
}

provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
}

provider "aws" {
  alias                       = "deployer"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
  # Roles may not be assumed by the root user: stage 2 signs with alice's key and assumes the
  # deployer role from there. Stage 1 leaves this provider on the root key, assuming nothing.
  access_key = var.enable_stage2 ? aws_iam_access_key.alice.id : null
  secret_key = var.enable_stage2 ? aws_iam_access_key.alice.secret : null
  dynamic "assume_role" {
    for_each = var.enable_stage2 ? [aws_iam_role.deployer.arn] : []
    content {
      role_arn     = assume_role.value
      session_name = "terraform-stage2"
    }
  }
}

data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  stage      = var.enable_stage2 ? "2" : "1"
  iam        = "arn:aws:iam::${local.account_id}"

  # The one-statement Allow documents, by the policy that uses them. ARNs are spelt out, not taken
  # from resources, so that this map depends on no resource (the boundary must exist before the
  # role that names it).
  allow = {
    developers = { action = ["iam:GetUser", "iam:ListUsers"], resource = "*" }
    alice      = { action = "iam:ListAccessKeys", resource = "${local.iam}:user/engineering/tf-alice" }
    assume     = { action = "sts:AssumeRole", resource = "${local.iam}:role/tf-deployer" }
    boundary   = { action = ["iam:*", "sts:*"], resource = "*" }
    app        = { action = "iam:GetRole", resource = "${local.iam}:role/service/tf-app" }
    deployer = {
      action = [
        "iam:CreateUser", "iam:GetUser", "iam:DeleteUser", "iam:TagUser", "iam:UntagUser",
        "iam:ListGroupsForUser", "iam:ListUserTags",
      ]
      resource = "${local.iam}:user/deployed/*"
    }
  }
  # Trust policies, by role: who may assume it, and on what condition.
  trust = {
    app = {
      Principal = { Service = "ec2.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }
    deployer = { Principal = { AWS = "${local.iam}:user/engineering/tf-alice" } }
  }
  trust_policy = {
    for role, who in local.trust : role => jsonencode({
      Version   = "2012-10-17"
      Statement = [merge({ Effect = "Allow", Action = "sts:AssumeRole" }, who)]
    })
  }

  allow_policy = {
    for name, grant in local.allow : name => jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = grant.action, Resource = grant.resource }]
    })
  }
}

resource "aws_iam_user" "alice" {
  name = "tf-alice"
  path = "/engineering/"
  tags = {
    team  = var.enable_stage2 ? "blue" : "red"
    cost  = "42"
    stage = local.stage
  }
}

resource "aws_iam_user" "bob" {
  name = "tf-bob"
}

resource "aws_iam_access_key" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_access_key" "bob" {
  user   = aws_iam_user.bob.name
  status = var.enable_stage2 ? "Inactive" : "Active"
}

resource "aws_iam_group" "developers" {
  name = "tf-developers"
  path = "/engineering/"
}

resource "aws_iam_group" "auditors" {
  name = "tf-auditors"
}

resource "aws_iam_group_membership" "developers" {
  name  = "tf-developers-membership"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name, aws_iam_user.bob.name]
}

resource "aws_iam_user_group_membership" "bob" {
  user   = aws_iam_user.bob.name
  groups = [aws_iam_group.auditors.name]
}

resource "aws_iam_group_policy" "developers" {
  name   = "tf-developers-inline"
  group  = aws_iam_group.developers.name
  policy = local.allow_policy["developers"]
}

resource "aws_iam_policy" "readonly_users" {
  name        = "tf-read-users"
  path        = "/engineering/"
  description = "Read users and groups"
  # Stage 2 makes a second version the default. The S3 resource carries characters that a
  # URL-encoded document must round-trip (a space, a plus, an ampersand, a policy variable).
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["iam:Get*", "iam:List*"]
      Resource = "arn:aws:iam::${local.account_id}:user/*"
      }, {
      Sid       = "OwnPrefix"
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::my bucket+x&y/home/$${aws:username}/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
      }], var.enable_stage2 ? [{
      Sid      = "ReadGroups"
      Effect   = "Allow"
      Action   = "iam:GetGroup"
      Resource = "arn:aws:iam::${local.account_id}:group/*"
    }] : [])
  })
  tags = {
    owner = "platform"
  }
}

resource "aws_iam_group_policy_attachment" "developers_customer" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.readonly_users.arn
}

resource "aws_iam_group_policy_attachment" "auditors_managed" {
  group      = aws_iam_group.auditors.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_user_policy" "alice" {
  for_each = { tf-alice-inline = "alice", tf-alice-assume-deployer = "assume" }
  name     = each.key
  user     = aws_iam_user.alice.name
  policy   = local.allow_policy[each.value]
}

resource "aws_iam_user_policy_attachment" "bob" {
  user       = aws_iam_user.bob.name
  policy_arn = aws_iam_policy.readonly_users.arn
}

resource "aws_iam_policy" "boundary" {
  name   = "tf-boundary"
  policy = local.allow_policy["boundary"]
}

resource "aws_iam_role" "app" {
  name                 = "tf-app"
  path                 = "/service/"
  description          = var.enable_stage2 ? "Application role, stage 2" : "Application role"
  max_session_duration = var.enable_stage2 ? 7200 : 3600
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy   = local.trust_policy["app"]
  tags                 = merge({ app = "web" }, var.enable_stage2 ? { env = "prod" } : { env = "test", temporary = "yes" })
}

# One inline policy on each role.
resource "aws_iam_role_policy" "inline" {
  for_each = {
    app      = { name = "tf-app-inline", role = aws_iam_role.app.id }
    deployer = { name = "tf-deployer-users", role = aws_iam_role.deployer.id }
  }
  name   = each.value.name
  role   = each.value.role
  policy = local.allow_policy[each.key]
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_instance_profile" "app" {
  name = "tf-app-profile"
  path = "/service/"
  role = aws_iam_role.app.name
}

resource "aws_iam_role" "deployer" {
  name               = "tf-deployer"
  assume_role_policy = local.trust_policy["deployer"]
}

resource "aws_iam_user" "deployed" {
  count    = var.enable_stage2 ? 1 : 0
  provider = aws.deployer
  name     = "tf-deployed"
  path     = "/deployed/"
  tags = {
    created_by = "deployer"
  }
  depends_on = [aws_iam_role_policy.inline, aws_iam_user_policy.alice]
}
