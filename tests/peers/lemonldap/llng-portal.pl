#!/usr/bin/perl
# Runs portal.psgi under Plack's single-process HTTP::Server::PSGI on 127.0.0.1:PORT.
# Usage: llng-portal.pl PORT   (LLNG_DEFAULTCONFFILE must name the instance's lemonldap-ng.ini)
# Loading a .psgi file resets the process title, so the title is set afterwards to
# "oidc-doctor-llng-portal PORT"; peers.sh recognises the process by "llng-portal", which
# both the title and the command line before it contain.
use strict;
use warnings;
use FindBin;
use Plack::Runner;
use Plack::Util;

my ($port) = @ARGV;
die "usage: llng-portal.pl PORT\n" unless defined $port && $port =~ /^[0-9]+$/;
my $app = Plack::Util::load_psgi("$FindBin::Bin/portal.psgi");
$0 = "oidc-doctor-llng-portal $port";
my $runner = Plack::Runner->new;
$runner->parse_options( '-s', 'HTTP::Server::PSGI', '--host', '127.0.0.1', '--port', $port, '-E', 'deployment' );
$runner->run($app);
